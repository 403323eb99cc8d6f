using Microsoft.Xrm.Sdk.Query;

namespace EmailConnector.Xrm.Sdk.Tests.Query;

public class ColumnSetTests
{
    [Fact]
    public void Constructors_SetAllColumnsOrColumns()
    {
        Assert.False(new ColumnSet().AllColumns);
        Assert.True(new ColumnSet(true).AllColumns);
        Assert.Equal(new[] { "firstname", "lastname" }, new ColumnSet("firstname", "lastname").Columns);
    }

    [Fact]
    public void AddColumnAndAddColumns_Append()
    {
        var columns = new ColumnSet("firstname");

        columns.AddColumn("lastname");
        columns.AddColumns("emailaddress1", "statecode");

        Assert.Equal(new[] { "firstname", "lastname", "emailaddress1", "statecode" }, columns.Columns);
        Assert.False(columns.AllColumns);
    }
}
