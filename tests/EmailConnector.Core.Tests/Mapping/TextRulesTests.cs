using EmailConnector.Core.Mapping;

namespace EmailConnector.Core.Tests.Mapping;

public sealed class TextRulesTests
{
    [Fact]
    public void Truncate_CutThroughASurrogatePair_KeepsValidUnicode()
    {
        var text = "ab\U0001F600cd"; // the emoji is two UTF-16 units at index 2 and 3

        var cut = TextRules.Truncate(text, 3);

        Assert.Equal("ab", cut);
    }

    [Fact]
    public void Truncate_ShortText_IsUnchanged()
    {
        Assert.Equal("Anna", TextRules.Truncate("Anna", 10));
    }

    [Theory]
    [InlineData("<b>Anna</b>", "Anna")]
    [InlineData("Anna&nbsp;Berg", "Anna Berg")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;Berg", "alert(1) Berg")]
    [InlineData("<!-- x -->Ole <i>Hansen</i>", "Ole Hansen")]
    [InlineData("Tom & Jerry", "Tom & Jerry")]
    [InlineData("A < B", "A < B")]
    public void StripMarkup_Name_RemovesTagsAndEntities(string name, string expected)
    {
        Assert.Equal(expected, TextRules.StripMarkup(name));
    }

    [Theory]
    [InlineData("Anna\u0000", false, true)]
    [InlineData("Anna\u001b[31m", false, true)]
    [InlineData("Anna\u0085", false, true)]
    [InlineData("Street 1\r\nTown", false, false)]
    [InlineData("Street 1\r\nTown", true, true)]
    [InlineData("Anna", true, false)]
    public void HasForbiddenControlCharacters_Text_FindsThem(string text, bool singleLine, bool expected)
    {
        Assert.Equal(expected, TextRules.HasForbiddenControlCharacters(text, singleLine));
    }

    [Fact]
    public void ToSingleLine_LineBreaksAndTabs_BecomeOneSpace()
    {
        Assert.Equal("Anna Berg", TextRules.ToSingleLine(" Anna\r\n\tBerg "));
    }
}
