using System.Net.Http.Headers;
using System.Text;
using EmailConnector.Platforms.Dotdigital.Double;

namespace EmailConnector.Platforms.Dotdigital.Tests.Support;

/// <summary>A plain client of the double's vendor API with the API user's credentials, for calls the adapter does not make.</summary>
internal static class VendorClient
{
    public static HttpClient Create(DotdigitalDouble vendor, string? password = null)
    {
        var client = new HttpClient { BaseAddress = vendor.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(vendor.Options.ApiUser + ":" + (password ?? vendor.Options.ApiPassword))));
        return client;
    }
}
