using EntiGraph.Stages.Curate.Heuristics;

namespace EntiGraph.Stages.Tests.Curate.Heuristics;

public sealed class UnicodeWordsTests
{
    [Theory]
    [InlineData("Hello, world!", "Hello|world")]
    [InlineData("don't can\u2019t dogs' 'quoted'", "don't|can\u2019t|dogs|quoted")]
    [InlineData("3.14 1,000,000 v1.2 10:30 a.b.c e.g.", "3.14|1,000,000|v1.2|10|30|a.b.c|e.g")]
    [InlineData("snake_case _private abc123 123abc", "snake_case|abc123|123abc")]
    [InlineData("stop-believing -- well... ok?!", "stop|believing|well|ok")]
    [InlineData("東京は大きい", "東|京|は|大|き|い")]
    [InlineData("カタカナ語 русский язык ελληνικά", "カタカナ|語|русский|язык|ελληνικά")]
    [InlineData("😀 emoji #tag @user", "emoji|tag|user")]
    [InlineData("", "")]
    public void Words_follow_unicode_word_boundaries(string text, string expected)
    {
        var words = new WordBuffer();
        UnicodeWords.Split(text, words);
        var found = Enumerable.Range(0, words.Count).Select(i => text.Substring(words.Starts[i], words.Lengths[i]));
        Assert.Equal(expected, string.Join('|', found));
    }

    [Fact]
    public void Lengths_are_in_code_points_and_marks_stay_with_their_letter()
    {
        var text = "nai\u0308ve \U0001D400\U0001D401 x";
        var words = new WordBuffer();
        UnicodeWords.Split(text, words);
        Assert.Equal(3, words.Count);
        Assert.Equal("nai\u0308ve", text.Substring(words.Starts[0], words.Lengths[0]));
        Assert.Equal(6, words.CodePoints[0]);
        Assert.Equal(4, words.Lengths[1]);
        Assert.Equal(2, words.CodePoints[1]);
    }
}
