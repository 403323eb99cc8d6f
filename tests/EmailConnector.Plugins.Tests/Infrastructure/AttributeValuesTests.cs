using EmailConnector.Plugins.Infrastructure;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Plugins.Tests.Infrastructure;

public class AttributeValuesTests
{
    [Fact]
    public void Changed_ColumnAbsentFromTarget_IsFalse()
    {
        Assert.False(AttributeValues.Changed("lastname", new Entity("contact"), new Entity("contact") { ["lastname"] = "Doe" }));
    }

    [Fact]
    public void Changed_SameTypedValuesInNewInstances_IsFalse()
    {
        var id = Guid.NewGuid();
        var target = new Entity("contact") { ["statecode"] = new OptionSetValue(1), ["parentcustomerid"] = new EntityReference("account", id), ["lastname"] = "" };
        var image = new Entity("contact") { ["statecode"] = new OptionSetValue(1), ["parentcustomerid"] = new EntityReference("account", id) };

        Assert.False(AttributeValues.Changed("statecode", target, image));
        Assert.False(AttributeValues.Changed("parentcustomerid", target, image));
        Assert.False(AttributeValues.Changed("lastname", target, image));
    }

    [Fact]
    public void Changed_DifferentValueOrNewValue_IsTrue()
    {
        var target = new Entity("contact") { ["statecode"] = new OptionSetValue(1), ["lastname"] = "Doe" };
        var image = new Entity("contact") { ["statecode"] = new OptionSetValue(0) };

        Assert.True(AttributeValues.Changed("statecode", target, image));
        Assert.True(AttributeValues.Changed("lastname", target, image));
        Assert.True(AttributeValues.Changed("lastname", new Entity("contact") { ["lastname"] = "doe" }, new Entity("contact") { ["lastname"] = "Doe" }));
    }

    [Fact]
    public void Effective_TargetWinsOverImage()
    {
        var image = new Entity("campaignactivity") { ["subject"] = "Old", ["ec_listname"] = "List" };

        Assert.Equal("New", AttributeValues.Effective("subject", new Entity("campaignactivity") { ["subject"] = "New" }, image));
        Assert.Equal("List", AttributeValues.Effective("ec_listname", new Entity("campaignactivity"), image));
        Assert.Null(AttributeValues.Effective("ec_listname", new Entity("campaignactivity") { ["ec_listname"] = null }, image));
    }
}
