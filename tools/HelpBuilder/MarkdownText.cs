using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PSAri.HelpBuilder
{
    /// <summary>A heading and the blocks under it, up to the next heading of the same or a higher level.</summary>
    public sealed class Section
    {
        public Section(HeadingBlock heading, List<Block> body)
        {
            Heading = heading;
            Body = body;
        }

        public HeadingBlock Heading { get; }
        public List<Block> Body { get; }
        public string Title => MarkdownText.Inline(Heading.Inline).Trim();
        public int Line => Heading.Line;
    }

    /// <summary>Markdown helpers: parsing, splitting into sections, and turning blocks into plain text
    /// paragraphs (what MAML's maml:para and about_*.help.txt hold).</summary>
    public static class MarkdownText
    {
        static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
            .UseYamlFrontMatter()
            .UsePipeTables()
            .Build();

        public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

        /// <summary>The "key: value" lines of the front matter; null when the page has none.</summary>
        public static Dictionary<string, string>? FrontMatter(MarkdownDocument document)
        {
            if (document.FirstOrDefault() is not YamlFrontMatterBlock yaml)
                return null;
            return KeyValues(yaml.Lines.ToString(), out _);
        }

        /// <summary>Reads simple "Key: value" lines (the only YAML the schema uses). Lines that are not
        /// of that form are returned in <paramref name="badLines"/>.</summary>
        public static Dictionary<string, string> KeyValues(string text, out List<string> badLines)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            badLines = new List<string>();
            foreach (string raw in text.Split('\n'))
            {
                string line = raw.TrimEnd('\r');
                if (line.Trim().Length == 0 || line.Trim() == "---")
                    continue;
                int colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    badLines.Add(line);
                    continue;
                }
                values[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
            }
            return values;
        }

        /// <summary>Splits blocks at headings of <paramref name="level"/>; blocks before the first such
        /// heading go to <paramref name="leading"/>.</summary>
        public static List<Section> Split(IEnumerable<Block> blocks, int level, out List<Block> leading)
        {
            var sections = new List<Section>();
            leading = new List<Block>();
            foreach (Block block in blocks)
            {
                if (block is HeadingBlock h && h.Level == level)
                    sections.Add(new Section(h, new List<Block>()));
                else if (sections.Count == 0)
                    leading.Add(block);
                else
                    sections[^1].Body.Add(block);
            }
            return sections;
        }

        /// <summary>Plain text paragraphs for blocks: one per paragraph, list item, code block or table.</summary>
        public static List<string> Paragraphs(IEnumerable<Block> blocks, string source)
        {
            var paragraphs = new List<string>();
            foreach (Block block in blocks)
                AddParagraphs(block, source, paragraphs, "");
            return paragraphs;
        }

        static void AddParagraphs(Block block, string source, List<string> output, string prefix)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    output.Add(prefix + Inline(p.Inline).Trim());
                    break;
                case HeadingBlock h:
                    output.Add(prefix + Inline(h.Inline).Trim());
                    break;
                case CodeBlock code:
                    output.Add(Code(code));
                    break;
                case ListBlock list:
                    output.Add(string.Join("\n", ListItems(list, source).Select(i => prefix + i)));
                    break;
                case QuoteBlock quote:
                    foreach (Block child in quote)
                        AddParagraphs(child, source, output, prefix);
                    break;
                case Table or HtmlBlock:
                    output.Add(source.Substring(block.Span.Start, block.Span.Length).TrimEnd());
                    break;
                case ThematicBreakBlock or LinkReferenceDefinitionGroup or YamlFrontMatterBlock:
                    break;
                case ContainerBlock container:
                    foreach (Block child in container)
                        AddParagraphs(child, source, output, prefix);
                    break;
                default:
                    output.Add(source.Substring(block.Span.Start, block.Span.Length).TrimEnd());
                    break;
            }
        }

        /// <summary>One line per item of a list: "- text" or "1. text".</summary>
        public static List<string> ListItems(ListBlock list, string source)
        {
            var items = new List<string>();
            int number = int.TryParse(list.OrderedStart, out int start) ? start : 1;
            foreach (ListItemBlock item in list.OfType<ListItemBlock>())
            {
                string bullet = list.IsOrdered ? $"{number++}. " : "- ";
                var inner = new List<string>();
                foreach (Block child in item)
                    AddParagraphs(child, source, inner, "");
                items.Add(bullet + string.Join(" ", inner));
            }
            return items;
        }

        /// <summary>The text of a code block, without the fences, trailing blank lines removed.</summary>
        public static string Code(CodeBlock code) =>
            string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString().TrimEnd())).TrimEnd('\n');

        /// <summary>Inline markdown as plain text: emphasis and code marks dropped, soft breaks as spaces,
        /// absolute links as "text (uri)".</summary>
        public static string Inline(Inline? inline)
        {
            var text = new StringBuilder();
            AppendInline(inline, text);
            return text.ToString();
        }

        static void AppendInline(Inline? inline, StringBuilder text)
        {
            switch (inline)
            {
                case null:
                    return;
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    return;
                case CodeInline code:
                    text.Append(code.Content);
                    return;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? "\n" : " ");
                    return;
                case AutolinkInline auto:
                    text.Append(auto.Url);
                    return;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    return;
                case HtmlInline html:
                    text.Append(html.Tag);
                    return;
                case LinkInline link:
                    int before = text.Length;
                    foreach (Inline child in link)
                        AppendInline(child, text);
                    string label = text.ToString(before, text.Length - before);
                    if (link.Url is { } url && url.Contains("://") && url != label)
                        text.Append(" (").Append(url).Append(')');
                    return;
                case ContainerInline container:
                    foreach (Inline child in container)
                        AppendInline(child, text);
                    return;
            }
        }

        /// <summary>True when text still holds a platyPS placeholder such as "{{ Fill in the Description }}".</summary>
        public static bool IsPlaceholder(string text) => text.Contains("{{") && text.Contains("}}");
    }
}
