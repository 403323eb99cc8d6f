using System.Runtime.Serialization;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages;

[DataContract(Namespace = "http://schemas.microsoft.com/crm/2011/Contracts")]
public sealed class SetStateRequest : OrganizationRequest
{
    public SetStateRequest()
    {
        RequestName = "SetState";
        EntityMoniker = null;
        State = null;
        Status = null;
    }

    public EntityReference EntityMoniker
    {
        get => this.Get<EntityReference>("EntityMoniker");
        set => this.Set("EntityMoniker", value);
    }

    public OptionSetValue State
    {
        get => this.Get<OptionSetValue>("State");
        set => this.Set("State", value);
    }

    public OptionSetValue Status
    {
        get => this.Get<OptionSetValue>("Status");
        set => this.Set("Status", value);
    }
}
