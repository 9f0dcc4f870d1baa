using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace EntiGraph.Stages.Extract;

/// <summary>The readable text of an HTML page and its title.</summary>
public sealed record HtmlContent(string Text, string? Title);

/// <summary>
/// Turns an HTML page into text blocks: the main content only (<c>&lt;main&gt;</c>, else
/// <c>&lt;article&gt;</c>, else the body), without scripts, navigation, headers, footers, forms and
/// elements whose id or class names boilerplate. Headings, paragraphs, list items ("- item"),
/// quotations, preformatted text and table cells each become a block; blocks are separated by a
/// blank line. The result still goes through <see cref="TextNormalizer"/>.
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> DroppedElements =
        ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "template", "button", "select", "textarea", "object", "embed", "canvas", "head"];

    // Elements that end the text before them and start a new block; everything else is inline.
    private static readonly HashSet<string> BlockElements =
    [
        "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "legend", "li", "main",
        "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    ];

    // ARIA landmarks that are page furniture rather than content.
    private static readonly HashSet<string> DroppedRoles = ["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"];

    public static HtmlContent Extract(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var root = document.QuerySelector("main, [role=main]")
            ?? document.QuerySelector("article")
            ?? document.Body
            ?? document.DocumentElement;
        var blocks = new BlockWriter();
        foreach (var child in root.ChildNodes)
        {
            Walk(child, blocks);
        }

        blocks.EndBlock();
        var title = TextNormalizer.NormalizeInline(document.Title)
            ?? TextNormalizer.NormalizeInline(document.QuerySelector("h1")?.TextContent);
        return new HtmlContent(TextNormalizer.Normalize(blocks.ToString()), title);
    }

    private static void Walk(INode node, BlockWriter blocks)
    {
        switch (node)
        {
            case IText text:
                blocks.AppendInline(text.Data);
                return;
            case IElement element:
                WalkElement(element, blocks);
                return;
        }
    }

    private static void WalkElement(IElement element, BlockWriter blocks)
    {
        var name = element.LocalName;
        if (DroppedElements.Contains(name) || BoilerplateNames.Match(element) || IsDroppedRole(element) || element.HasAttribute("hidden"))
        {
            return;
        }

        switch (name)
        {
            case "br":
                blocks.LineBreak();
                return;
            case "pre":
                blocks.EndBlock();
                blocks.AppendPreformatted(element.TextContent);
                blocks.EndBlock();
                return;
        }

        var isBlock = BlockElements.Contains(name);
        if (isBlock)
        {
            blocks.EndBlock();
        }

        if (name == "li")
        {
            blocks.Prefix("- ");
        }

        foreach (var child in element.ChildNodes)
        {
            Walk(child, blocks);
        }

        if (isBlock)
        {
            blocks.EndBlock();
        }

        if (name == "li")
        {
            // An empty item must not hand its marker to whatever follows the list.
            blocks.Prefix(null);
        }
    }

    private static bool IsDroppedRole(IElement element) =>
        element.GetAttribute("role") is { } role && DroppedRoles.Contains(role.Trim().ToLowerInvariant());

    /// <summary>Collects inline text into blocks, collapsing whitespace the way a browser shows it.</summary>
    private sealed class BlockWriter
    {
        private readonly StringBuilder _text = new();
        private readonly StringBuilder _block = new();
        private string? _prefix;

        public void Prefix(string? prefix) => _prefix = prefix;

        public void AppendInline(string data)
        {
            foreach (var c in data)
            {
                if (c is ' ' or '\t' or '\n' or '\r' or '\f')
                {
                    if (_block.Length > 0 && _block[^1] is not (' ' or '\n'))
                    {
                        _block.Append(' ');
                    }
                }
                else
                {
                    _block.Append(c);
                }
            }
        }

        public void LineBreak() => _block.Append('\n');

        public void AppendPreformatted(string data) => _block.Append(data);

        public void EndBlock()
        {
            var block = _block.ToString().Trim();
            _block.Clear();
            if (block.Length == 0)
            {
                return;
            }

            if (_text.Length > 0)
            {
                _text.Append("\n\n");
            }

            // A list item's marker goes on its first block; a nested list's items get their own.
            _text.Append(_prefix).Append(block);
            _prefix = null;
        }

        public override string ToString() => _text.ToString();
    }
}
