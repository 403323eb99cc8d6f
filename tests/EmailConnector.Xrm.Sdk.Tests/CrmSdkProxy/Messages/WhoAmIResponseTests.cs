using Microsoft.Crm.Sdk.Messages;

namespace EmailConnector.Xrm.Sdk.Tests.CrmSdkProxy.Messages;

public class WhoAmIResponseTests
{
    [Fact]
    public void Properties_ReadRealResultKeys()
    {
        var user = new Guid("11111111-1111-1111-1111-111111111111");
        var unit = new Guid("22222222-2222-2222-2222-222222222222");
        var organization = new Guid("33333333-3333-3333-3333-333333333333");
        var response = new WhoAmIResponse();

        response.Results["UserId"] = user;
        response.Results["BusinessUnitId"] = unit;
        response.Results["OrganizationId"] = organization;

        Assert.Equal(user, response.UserId);
        Assert.Equal(unit, response.BusinessUnitId);
        Assert.Equal(organization, response.OrganizationId);
    }
}
