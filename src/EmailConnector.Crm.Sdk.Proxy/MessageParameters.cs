using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk;

// Typed message properties read through these: a parameter or result that was never set reads as default(T).
internal static class MessageParameters
{
    internal static T Get<T>(this OrganizationRequest request, string name)
    {
        return request.Parameters.TryGetValue(name, out var value) && value != null ? (T)value : default;
    }

    internal static void Set(this OrganizationRequest request, string name, object value)
    {
        request.Parameters[name] = value;
    }

    internal static T Get<T>(this OrganizationResponse response, string name)
    {
        return response.Results.TryGetValue(name, out var value) && value != null ? (T)value : default;
    }
}
