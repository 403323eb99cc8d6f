using EmailConnector.Emulator.Metadata;
using EmailConnector.Emulator.Storage;
using Microsoft.Xrm.Sdk;

namespace EmailConnector.Emulator.Tests.Storage;

public class ValueConverterTests
{
    [Fact]
    public void ToStored_LocalDateTime_IsKeptAsUtcAndDateOnlyLosesTime()
    {
        var local = new DateTime(2026, 3, 15, 13, 30, 0, DateTimeKind.Local);
        var dateTime = new ColumnDefinition("d", ColumnType.DateTime);
        var dateOnly = new ColumnDefinition("d", ColumnType.DateTime) { DateTimeBehavior = DateTimeBehavior.DateOnly };

        Assert.Equal(local.ToUniversalTime(), (DateTime)ValueConverter.ToStored("t", dateTime, local)!);
        var stored = (DateTime)ValueConverter.ToStored("t", dateOnly, new DateTime(2026, 3, 15, 13, 30, 0, DateTimeKind.Utc))!;
        Assert.Equal((new DateTime(2026, 3, 15), DateTimeKind.Utc), (stored, stored.Kind));
    }

    [Fact]
    public void ToStored_EmptyString_IsNull()
    {
        Assert.Null(ValueConverter.ToStored("t", new ColumnDefinition("s", ColumnType.String) { MaxLength = 5 }, string.Empty));
    }

    [Fact]
    public void ToStored_LookupToTableOutsideTargets_Faults()
    {
        var column = new ColumnDefinition("l", ColumnType.Lookup) { Targets = ["account"] };

        Assert.Throws<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => ValueConverter.ToStored("t", column, new EntityReference("contact", Guid.NewGuid())));
    }

    [Fact]
    public void CloneEntity_SharesNoMutableValue()
    {
        var original = new Entity("contact", Guid.NewGuid()) { ["ref"] = new EntityReference("account", Guid.NewGuid()), ["money"] = new Money(1m) };

        var copy = ValueConverter.CloneEntity(original);
        ((Money)copy["money"]).Value = 2m;
        ((EntityReference)copy["ref"]).Name = "changed";

        Assert.Equal(1m, ((Money)original["money"]).Value);
        Assert.Null(((EntityReference)original["ref"]).Name);
    }
}
