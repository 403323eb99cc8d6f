using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk;

[DataContract(Name = "OrganizationResponse", Namespace = "http://schemas.microsoft.com/xrm/2011/Contracts")]
public class OrganizationResponse : IExtensibleDataObject
{
    public OrganizationResponse()
    {
        Results = new ParameterCollection();
    }

    [DataMember]
    public string ResponseName { get; set; }

    [DataMember]
    public ParameterCollection Results { get; set; }

    public ExtensionDataObject ExtensionData { get; set; }

    public object this[string parameterName]
    {
        get => Results[parameterName];
        set => Results[parameterName] = value;
    }

    // Typed response properties read through this: a result the service did not return reads as default(T).
    internal T GetResult<T>(string resultName)
    {
        return Results.TryGetValue(resultName, out var value) && value != null ? (T)value : default;
    }
}
