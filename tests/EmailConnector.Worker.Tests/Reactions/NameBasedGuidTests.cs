using EmailConnector.Worker.Reactions;

namespace EmailConnector.Worker.Tests.Reactions;

public sealed class NameBasedGuidTests
{
    [Fact]
    public void Create_SameName_GivesTheSameVersion5Id()
    {
        var id = NameBasedGuid.Create("email:abc");

        Assert.Equal(id, NameBasedGuid.Create("email:abc"));
        Assert.Equal(5, id.Version);
        Assert.Equal('8', id.ToString("D")[19] is '8' or '9' or 'a' or 'b' ? '8' : 'x');
    }

    [Fact]
    public void Create_OtherName_GivesAnotherId() =>
        Assert.NotEqual(NameBasedGuid.Create("lead:a:x@example.com"), NameBasedGuid.Create("lead:a:y@example.com"));
}
