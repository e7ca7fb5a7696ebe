using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Markdig.Syntax;

namespace PSAri.HelpBuilder
{
    /// <summary>An about_ topic in platyPS's about schema: "# Title", "## about_Name" (the lookup name,
    /// equal to the file name), then "# SHORT DESCRIPTION", "# LONG DESCRIPTION" and any further
    /// "# SECTION" (EXAMPLES, NOTE, SEE ALSO, KEYWORDS, ...). Rendered as plain text, 80 columns.</summary>
    public sealed class AboutTopic
    {
        const int Width = 80;
        const string Indent = "    ";

        readonly string _source;
        readonly List<Section> _sections;

        AboutTopic(string name, string source, List<Section> sections)
        {
            Name = name;
            _source = source;
            _sections = sections;
        }

        public string Name { get; }

        public static AboutTopic Read(string file)
        {
            string source = File.ReadAllText(file);
            string name = Path.GetFileNameWithoutExtension(file);
            MarkdownDocument document = MarkdownText.Parse(source);
            SchemaException Error(int line, string message) => new(file, line, message);

            List<Section> sections = MarkdownText.Split(document, 1, out List<Block> leading);
            if (leading.Any(b => b is not Markdig.Extensions.Yaml.YamlFrontMatterBlock))
                throw Error(leading.First(b => b is not Markdig.Extensions.Yaml.YamlFrontMatterBlock).Line, "text before the '# Title' heading.");
            if (sections.Count == 0)
                throw Error(0, "an about topic starts with '# Title' and '## about_Name'.");

            Section title = sections[0];
            var lookup = title.Body.OfType<HeadingBlock>().FirstOrDefault(h => h.Level == 2);
            if (lookup is null || title.Body[0] != lookup)
                throw Error(title.Line, $"the '# {title.Title}' heading must be followed by '## {name}'.");
            string lookupName = MarkdownText.Inline(lookup.Inline).Trim();
            if (!string.Equals(lookupName, name, StringComparison.Ordinal))
                throw Error(lookup.Line, $"'## {lookupName}' does not match the file name '{name}.md'.");
            if (title.Body.Count > 1)
                throw Error(title.Body[1].Line, $"text between '## {name}' and '# SHORT DESCRIPTION'.");

            List<Section> body = sections.Skip(1).ToList();
            if (body.Count < 2 || body[0].Title != "SHORT DESCRIPTION" || body[1].Title != "LONG DESCRIPTION")
                throw Error(body.Count > 0 ? body[0].Line : title.Line, "an about topic has '# SHORT DESCRIPTION' and then '# LONG DESCRIPTION' after its '## about_Name'.");
            foreach (Section section in body)
            {
                if (section.Title != section.Title.ToUpperInvariant())
                    throw Error(section.Line, $"top-level headings of an about topic are upper case: '# {section.Title.ToUpperInvariant()}'.");
                if (body.IndexOf(section) < 2 && MarkdownText.Paragraphs(section.Body, source).All(p => p.Trim().Length == 0))
                    throw Error(section.Line, $"'# {section.Title}' is empty.");
                if (MarkdownText.Paragraphs(section.Body, source).Any(MarkdownText.IsPlaceholder))
                    throw Error(section.Line, $"'# {section.Title}' still holds a '{{{{ ... }}}}' placeholder.");
            }
            return new AboutTopic(name, source, body);
        }

        /// <summary>The topic as Get-Help shows it: headings at the margin, text indented and wrapped,
        /// code indented further and never wrapped.</summary>
        public string ToText()
        {
            var text = new StringBuilder();
            text.Append("TOPIC\n").Append(Indent).Append(Name).Append('\n');
            foreach (Section section in _sections)
            {
                text.Append('\n').Append(section.Title).Append('\n');
                int start = text.Length;
                foreach (Block block in section.Body)
                    AppendBlock(text, block);
                // The text starts right under its heading: Get-Help takes the lines after
                // "SHORT DESCRIPTION" as the topic's synopsis.
                if (text.Length > start && text[start] == '\n')
                    text.Remove(start, 1);
            }
            return text.ToString();
        }

        void AppendBlock(StringBuilder text, Block block)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    text.Append('\n').Append(Indent).Append(MarkdownText.Inline(heading.Inline).Trim()).Append('\n');
                    if (heading.Level == 2)
                        text.Append(Indent).Append(new string('-', MarkdownText.Inline(heading.Inline).Trim().Length)).Append('\n');
                    break;
                case CodeBlock code:
                    text.Append('\n');
                    foreach (string line in MarkdownText.Code(code).Split('\n'))
                        text.Append((Indent + Indent + line).TrimEnd()).Append('\n');
                    break;
                case ListBlock list:
                    text.Append('\n');
                    foreach (string item in MarkdownText.ListItems(list, _source))
                    {
                        int bulletWidth = item.IndexOf(' ') + 1;
                        Wrap(text, item, Indent, Indent + new string(' ', bulletWidth));
                    }
                    break;
                case Markdig.Extensions.Tables.Table:
                    text.Append('\n');
                    foreach (string line in _source.Substring(block.Span.Start, block.Span.Length).TrimEnd().Split('\n'))
                        text.Append(Indent).Append(line.TrimEnd()).Append('\n');
                    break;
                default:
                    foreach (string paragraph in MarkdownText.Paragraphs(new[] { block }, _source))
                    {
                        text.Append('\n');
                        Wrap(text, paragraph, Indent, Indent);
                    }
                    break;
            }
        }

        /// <summary>Word-wraps one paragraph to <see cref="Width"/> columns.</summary>
        static void Wrap(StringBuilder text, string paragraph, string first, string rest)
        {
            foreach (string hardLine in paragraph.Split('\n'))
            {
                string line = first;
                bool empty = true;
                foreach (string word in hardLine.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!empty && line.Length + 1 + word.Length > Width)
                    {
                        text.Append(line).Append('\n');
                        line = rest;
                        empty = true;
                    }
                    line += (empty ? "" : " ") + word;
                    empty = false;
                }
                text.Append(line.TrimEnd()).Append('\n');
                first = rest;
            }
        }
    }
}
