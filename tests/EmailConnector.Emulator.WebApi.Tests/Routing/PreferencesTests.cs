using EmailConnector.Emulator.WebApi.Routing;

namespace EmailConnector.Emulator.WebApi.Tests.Routing;

public sealed class PreferencesTests
{
    [Fact]
    public void Parse_SeveralPreferencesWithQuotedCommas_ReadsEach()
    {
        var preferences = Preferences.Parse(
            "return=representation, odata.include-annotations=\"OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.lookuplogicalname\", odata.maxpagesize=9000");

        Assert.True(preferences.ReturnRepresentation);
        Assert.Equal(5000, preferences.MaxPageSize);
        Assert.True(preferences.Annotations.Includes(AnnotationFilter.FormattedValue));
        Assert.True(preferences.Annotations.Includes(AnnotationFilter.LookupLogicalName));
        Assert.False(preferences.Annotations.Includes(AnnotationFilter.AssociatedNavigationProperty));
    }

    [Fact]
    public void Annotations_WildcardsAndExclusions_Apply()
    {
        var filter = AnnotationFilter.Parse("Microsoft.Dynamics.CRM.*,-Microsoft.Dynamics.CRM.lookuplogicalname");

        Assert.True(filter.Includes(AnnotationFilter.AssociatedNavigationProperty));
        Assert.False(filter.Includes(AnnotationFilter.LookupLogicalName));
        Assert.False(filter.Includes(AnnotationFilter.FormattedValue));
    }
}
