using System.Globalization;
using System.Runtime.Serialization;
using System.Text;

namespace Microsoft.Xrm.Sdk;

/// <summary>
/// The detail of the <c>System.ServiceModel.FaultException&lt;OrganizationServiceFault&gt;</c> that an organization
/// service throws.
/// </summary>
[DataContract(Name = "OrganizationServiceFault", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public class OrganizationServiceFault : BaseServiceFault
{
    public OrganizationServiceFault()
    {
    }

    [DataMember]
    public string TraceText { get; set; }

    [DataMember]
    public OrganizationServiceFault InnerFault { get; set; }

    public override string ToString()
    {
        var text = new StringBuilder();
        for (var fault = this; fault != null; fault = fault.InnerFault)
        {
            if (text.Length > 0)
                text.Append(" ---> ");
            text.Append(fault.GetType().Name)
                .Append(" 0x")
                .Append(fault.ErrorCode.ToString("X8", CultureInfo.InvariantCulture))
                .Append(": ")
                .Append(fault.Message);
        }
        return text.ToString();
    }
}
