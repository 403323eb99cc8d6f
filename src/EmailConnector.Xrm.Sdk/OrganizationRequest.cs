using System;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[DataContract(Name = "OrganizationRequest", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public class OrganizationRequest : IExtensibleDataObject
{
    public OrganizationRequest()
    {
        Parameters = new ParameterCollection();
    }

    public OrganizationRequest(string requestName)
        : this()
    {
        RequestName = requestName;
    }

    [DataMember]
    public string RequestName { get; set; }

    [DataMember]
    public ParameterCollection Parameters { get; set; }

    [DataMember]
    public Guid? RequestId { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    public object this[string parameterName]
    {
        get => Parameters[parameterName];
        set => Parameters[parameterName] = value;
    }

    // Typed message properties read through these: a parameter that was never set reads as default(T).
    internal T GetParameter<T>(string parameterName)
    {
        return Parameters.TryGetValue(parameterName, out var value) && value != null ? (T)value : default;
    }

    internal void SetParameter(string parameterName, object value)
    {
        Parameters[parameterName] = value;
    }
}
