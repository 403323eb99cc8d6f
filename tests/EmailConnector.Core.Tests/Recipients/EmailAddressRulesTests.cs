using EmailConnector.Core.Recipients;

namespace EmailConnector.Core.Tests.Recipients;

public sealed class EmailAddressRulesTests
{
    [Theory]
    [InlineData("anna.berg@example.com")]
    [InlineData("  anna@example.com  ")]
    [InlineData("o'brien+news@mail.example.co.uk")]
    [InlineData("x@b\u00fccher.example")]
    [InlineData("a!#$%&'*+/=?^_`{|}~-z@example.org")]
    public void Check_PracticalAddress_IsValid(string address)
    {
        Assert.Equal(EmailAddressProblem.None, EmailAddressRules.Check(address));
    }

    [Theory]
    [InlineData(null, EmailAddressProblem.Missing)]
    [InlineData("", EmailAddressProblem.Missing)]
    [InlineData("   ", EmailAddressProblem.Missing)]
    [InlineData("anna berg@example.com", EmailAddressProblem.ControlOrWhitespace)]
    [InlineData("anna\u0007@example.com", EmailAddressProblem.ControlOrWhitespace)]
    [InlineData("anna.example.com", EmailAddressProblem.NotOneAtSign)]
    [InlineData("anna@berg@example.com", EmailAddressProblem.NotOneAtSign)]
    [InlineData(".anna@example.com", EmailAddressProblem.InvalidLocalPart)]
    [InlineData("anna.@example.com", EmailAddressProblem.InvalidLocalPart)]
    [InlineData("an..na@example.com", EmailAddressProblem.InvalidLocalPart)]
    [InlineData("\"anna berg\"@example.com", EmailAddressProblem.ControlOrWhitespace)]
    [InlineData("\"anna\"@example.com", EmailAddressProblem.InvalidLocalPart)]
    [InlineData("j\u00f6rg@example.com", EmailAddressProblem.InvalidLocalPart)]
    [InlineData("@example.com", EmailAddressProblem.InvalidLocalPart)]
    [InlineData("anna@", EmailAddressProblem.InvalidDomain)]
    [InlineData("anna@localhost", EmailAddressProblem.InvalidDomain)]
    [InlineData("anna@[192.0.2.1]", EmailAddressProblem.InvalidDomain)]
    [InlineData("anna@192.0.2.1", EmailAddressProblem.InvalidDomain)]
    [InlineData("anna@-example.com", EmailAddressProblem.InvalidDomain)]
    [InlineData("anna@example..com", EmailAddressProblem.InvalidDomain)]
    [InlineData("anna@exa_mple.com", EmailAddressProblem.InvalidDomain)]
    public void Check_BrokenAddress_NamesTheProblem(string? address, EmailAddressProblem expected)
    {
        Assert.Equal(expected, EmailAddressRules.Check(address));
    }

    [Fact]
    public void Check_LocalPartOf64_IsValidAnd65IsNot()
    {
        Assert.True(EmailAddressRules.IsValid(new string('a', 64) + "@example.com"));
        Assert.Equal(EmailAddressProblem.LocalPartTooLong, EmailAddressRules.Check(new string('a', 65) + "@example.com"));
    }

    [Fact]
    public void Check_AddressOf254_IsValidAnd255IsNot()
    {
        var domain254 = new string('a', 64) + "@" + string.Join('.', new string('b', 63), new string('c', 63), new string('d', 57), "com");
        var domain255 = new string('a', 64) + "@" + string.Join('.', new string('b', 63), new string('c', 63), new string('d', 58), "com");

        Assert.Equal(254, domain254.Length);
        Assert.True(EmailAddressRules.IsValid(domain254));
        Assert.Equal(EmailAddressProblem.TooLong, EmailAddressRules.Check(domain255));
    }

    [Fact]
    public void Check_LabelOf64_IsInvalid()
    {
        Assert.Equal(EmailAddressProblem.InvalidDomain, EmailAddressRules.Check("a@" + new string('b', 64) + ".com"));
    }

    [Fact]
    public void Normalize_CaseWhitespaceAndUnicodeDomain_GiveOneComparisonForm()
    {
        Assert.Equal("anna.berg@example.com", EmailAddressRules.Normalize("  Anna.Berg@EXAMPLE.com "));
        Assert.Equal("x@xn--bcher-kva.example", EmailAddressRules.Normalize("x@B\u00fccher.example"));
        Assert.Equal(EmailAddressRules.Normalize("x@xn--bcher-kva.example"), EmailAddressRules.Normalize("X@b\u00fccher.EXAMPLE"));
    }
}
