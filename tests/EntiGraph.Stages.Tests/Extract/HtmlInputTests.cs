using EntiGraph.Stages.Extract;

namespace EntiGraph.Stages.Tests.Extract;

public sealed class HtmlInputTests : IDisposable
{
    private const string Page = """
        <!DOCTYPE html>
        <html>
        <head><title>Tide  Tables &amp; Moons</title><style>body { color: red }</style></head>
        <body>
          <header><a href="/">Site name</a></header>
          <nav><ul><li>Home</li><li>About</li></ul></nav>
          <div id="cookie-banner">We use cookies.</div>
          <main>
            <h1>Tides</h1>
            <p>The moon   pulls
               the sea.<br>Twice a day.</p>
            <script>var tracking = 1;</script>
            <div class="share-buttons">Share on everything</div>
            <ul>
              <li>Spring tides</li>
              <li>Neap <b>tides</b></li>
            </ul>
            <blockquote>Time and tide wait for no one.</blockquote>
            <pre>high  04:12
        low   10:30</pre>
            <table><tr><th>Port</th><td>Brest</td></tr></table>
            <aside>Related: volcanoes</aside>
            <section class="comments"><p>First!</p></section>
            <div class="sidebarWidget">Popular posts</div>
            <div class="commentary">A commentary is content.</div>
          </main>
          <footer>Copyright 2024</footer>
          <noscript>Enable JavaScript</noscript>
        </body>
        </html>
        """;

    private readonly ExtractFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_page_keeps_its_main_content_as_blocks_and_drops_the_boilerplate()
    {
        _fixture.Add("web", "tides.html", Page);

        var result = await _fixture.RunAsync("inputs:\n  - source: web\n");

        var document = result.Document("web/tides.html");
        Assert.Equal(
            "Tides\n\nThe moon pulls the sea.\nTwice a day.\n\n- Spring tides\n\n- Neap tides\n\nTime and tide wait for no one.\n\n"
            + "high 04:12\nlow 10:30\n\nPort\n\nBrest\n\nA commentary is content.",
            document.Text);
        Assert.Equal("Tide Tables & Moons", document.Title);
        Assert.Equal("web", document.Source);
        foreach (var boilerplate in new[] { "Site name", "Home", "cookies", "tracking", "Share on", "volcanoes", "First!", "Popular", "Copyright", "JavaScript", "color" })
        {
            Assert.DoesNotContain(boilerplate, document.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_main_the_article_is_the_content_and_without_either_the_body()
    {
        var article = HtmlText.Extract("<body><p>Outside</p><article><h2>Inside</h2><p>Kept</p></article></body>");
        var body = HtmlText.Extract("<body><div>Loose text</div><p>A paragraph</p><footer>gone</footer></body>");

        Assert.Equal("Inside\n\nKept", article.Text);
        Assert.Equal("Loose text\n\nA paragraph", body.Text);
    }

    [Fact]
    public async Task The_title_falls_back_to_the_first_heading_then_to_the_file_name()
    {
        _fixture.Add("web", "a.htm", "<body><h1>Heading  title</h1><p>x</p></body>");
        _fixture.Add("web", "pages/b.html", "<body><p>No title here</p></body>");

        var result = await _fixture.RunAsync("inputs:\n  - source: web\n");

        Assert.Equal("Heading title", result.Document("web/a.htm").Title);
        Assert.Equal("b", result.Document("web/pages/b.html").Title);
    }

    [Theory]
    [InlineData("site-nav", true)]
    [InlineData("navbar", true)]
    [InlineData("mainMenu", true)]
    [InlineData("cookie_consent", true)]
    [InlineData("adsbygoogle", true)]
    [InlineData("ad", true)]
    [InlineData("breadcrumbs", true)]
    [InlineData("social-links", true)]
    [InlineData("newsletter-subscribe", true)]
    [InlineData("commentary", false)]
    [InlineData("shared-notes", false)]
    [InlineData("header-image", false)]
    [InlineData("advantages", false)]
    [InlineData("story", false)]
    public void Boilerplate_is_recognised_by_whole_words_of_ids_and_classes(string name, bool boilerplate) =>
        Assert.Equal(boilerplate, BoilerplateNames.MatchName(name));
}
