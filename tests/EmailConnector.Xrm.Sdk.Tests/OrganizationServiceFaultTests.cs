using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Xrm.Sdk.Tests;

public class OrganizationServiceFaultTests
{
    [Fact]
    public void NewFault_HasEmptyErrorDetails()
    {
        var fault = new OrganizationServiceFault();

        Assert.NotNull(fault.ErrorDetails);
        Assert.Empty(fault.ErrorDetails);
        Assert.Null(fault.InnerFault);
    }

    [Fact]
    public void FaultException_CarriesTheFault()
    {
        var fault = new OrganizationServiceFault
        {
            ErrorCode = unchecked((int)0x80040217),
            Message = "contact With Id = 00000000-0000-0000-0000-000000000001 Does Not Exist",
            InnerFault = new OrganizationServiceFault { ErrorCode = 1, Message = "inner" },
        };

        Exception thrown = new FaultException<OrganizationServiceFault>(fault, new FaultReason(fault.Message));

        var exception = Assert.IsType<FaultException<OrganizationServiceFault>>(thrown);

        Assert.Same(fault, exception.Detail);
        Assert.Equal(fault.Message, exception.Message);
    }

    [Fact]
    public void ToString_NamesCodeAndMessageOfEveryLevel()
    {
        var fault = new OrganizationServiceFault
        {
            ErrorCode = unchecked((int)0x80040217),
            Message = "outer",
            InnerFault = new OrganizationServiceFault { ErrorCode = 1, Message = "inner" },
        };

        var text = fault.ToString();

        Assert.Contains("80040217", text);
        Assert.Contains("outer", text);
        Assert.Contains("inner", text);
    }

    [Fact]
    public void ExecuteTransactionFault_IsAnOrganizationServiceFault()
    {
        OrganizationServiceFault fault = new ExecuteTransactionFault { FaultedRequestIndex = 3 };

        Assert.Equal(3, ((ExecuteTransactionFault)fault).FaultedRequestIndex);
    }
}
