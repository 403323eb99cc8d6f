using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query;

[DataContract(Name = "DateTimeGroupingType", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public enum XrmDateTimeGrouping
{
    [EnumMember]
    None = 0,
    [EnumMember]
    Day = 1,
    [EnumMember]
    Week = 2,
    [EnumMember]
    Month = 3,
    [EnumMember]
    Quarter = 4,
    [EnumMember]
    Year = 5,
    [EnumMember]
    FiscalPeriod = 6,
    [EnumMember]
    FiscalYear = 7,
}
