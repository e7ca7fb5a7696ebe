using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace PSAri.HelpBuilder
{
    /// <summary>Reads one cmdlet page in platyPS's markdown schema 2.0.0 and checks it as it goes:
    /// any departure from the schema is a <see cref="SchemaException"/> naming the file and line.</summary>
    public sealed class CommandPageReader
    {
        /// <summary>The sections a cmdlet page has, in this order (ALIASES, from platyPS v2, may follow SYNTAX).</summary>
        static readonly string[] SectionOrder =
        {
            "SYNOPSIS", "SYNTAX", "ALIASES", "DESCRIPTION", "EXAMPLES", "PARAMETERS",
            "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
        };

        static readonly string[] RequiredYamlKeys =
        {
            "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value",
            "Accept pipeline input", "Accept wildcard characters",
        };

        static readonly string[] OptionalYamlKeys = { "Accepted values", "DontShow" };

        readonly string _file;
        readonly string _source;

        CommandPageReader(string file, string source)
        {
            _file = file;
            _source = source;
        }

        public static CommandPage Read(string file, string assembly) =>
            new CommandPageReader(file, File.ReadAllText(file)).Read(assembly);

        SchemaException Error(int line, string message) => new(_file, line, message);

        CommandPage Read(string assembly)
        {
            MarkdownDocument document = MarkdownText.Parse(_source);
            var page = new CommandPage();

            Dictionary<string, string> front = MarkdownText.FrontMatter(document)
                ?? throw Error(0, "no front matter: the page must start with '---', 'external help file:', 'Module Name:', 'online version:', 'schema: 2.0.0', '---'.");
            foreach (string key in new[] { "external help file", "Module Name", "online version", "schema" })
            {
                if (!front.ContainsKey(key))
                    throw Error(0, $"front matter has no '{key}:' line.");
            }
            if (front["schema"] != "2.0.0")
                throw Error(0, $"front matter says 'schema: {front["schema"]}'; this builder reads schema 2.0.0.");
            if (!string.Equals(front["external help file"], assembly + "-Help.xml", StringComparison.OrdinalIgnoreCase))
                throw Error(0, $"'external help file: {front["external help file"]}' should be '{assembly}-Help.xml'.");
            page.OnlineVersion = front["online version"];

            List<Section> titles = MarkdownText.Split(document, 1, out List<Block> beforeTitle);
            if (titles.Count != 1)
                throw Error(titles.Count > 1 ? titles[1].Line : 0, "a cmdlet page has exactly one '# Verb-Noun' title.");
            if (beforeTitle.Any(b => b is not Markdig.Extensions.Yaml.YamlFrontMatterBlock))
                throw Error(beforeTitle.First().Line, "text before the '# Verb-Noun' title.");
            page.Name = titles[0].Title;
            string expected = Path.GetFileNameWithoutExtension(_file);
            if (page.Name != expected)
                throw Error(titles[0].Line, $"title '# {page.Name}' does not match the file name '{expected}.md'.");
            if (!Regex.IsMatch(page.Name, "^[A-Za-z]+-[A-Za-z0-9]+$"))
                throw Error(titles[0].Line, $"'{page.Name}' is not a Verb-Noun cmdlet name.");

            List<Section> sections = MarkdownText.Split(titles[0].Body, 2, out List<Block> beforeSections);
            if (beforeSections.Count > 0)
                throw Error(beforeSections[0].Line, "text between the title and '## SYNOPSIS'.");
            CheckSectionOrder(sections, titles[0].Line);
            Section Get(string title) => sections.First(s => s.Title == title);

            page.Synopsis.AddRange(Text(Get("SYNOPSIS"), required: true));
            ReadSyntax(Get("SYNTAX"), page);
            page.Description.AddRange(Text(Get("DESCRIPTION"), required: true));
            ReadExamples(Get("EXAMPLES"), page);
            ReadParameters(Get("PARAMETERS"), page);
            ReadTypes(Get("INPUTS"), page.Inputs);
            ReadTypes(Get("OUTPUTS"), page.Outputs);
            page.Notes.AddRange(Text(Get("NOTES"), required: false));
            ReadLinks(Get("RELATED LINKS"), page);
            return page;
        }

        void CheckSectionOrder(List<Section> sections, int titleLine)
        {
            int last = -1;
            foreach (Section section in sections)
            {
                int index = Array.IndexOf(SectionOrder, section.Title);
                if (index < 0)
                    throw Error(section.Line, $"unknown section '## {section.Title}'; a cmdlet page has: ## {string.Join(", ## ", SectionOrder)}.");
                if (index <= last)
                    throw Error(section.Line, $"'## {section.Title}' is out of place or repeated; the order is: ## {string.Join(", ## ", SectionOrder)}.");
                last = index;
            }
            foreach (string title in SectionOrder.Where(t => t != "ALIASES"))
            {
                if (!sections.Any(s => s.Title == title))
                    throw Error(titleLine, $"missing section '## {title}'.");
            }
        }

        /// <summary>A section's body as paragraphs; checks for leftover placeholders.</summary>
        List<string> Text(Section section, bool required)
        {
            List<string> paragraphs = MarkdownText.Paragraphs(section.Body, _source);
            CheckText(section, paragraphs, required, $"'## {section.Title}'");
            return paragraphs;
        }

        void CheckText(Section section, List<string> paragraphs, bool required, string what)
        {
            if (required && paragraphs.All(p => p.Trim().Length == 0))
                throw Error(section.Line, $"{what} is empty.");
            if (paragraphs.Any(MarkdownText.IsPlaceholder))
                throw Error(section.Line, $"{what} still holds a '{{{{ ... }}}}' placeholder.");
        }

        void ReadSyntax(Section section, CommandPage page)
        {
            List<Section> sets = MarkdownText.Split(section.Body, 3, out List<Block> leading);
            if (leading.Count > 0 || sets.Count == 0)
                throw Error(section.Line, "'## SYNTAX' holds one '### ParameterSetName' heading with a code block per parameter set (### __AllParameterSets when there are none).");
            foreach (Section set in sets)
            {
                List<CodeBlock> code = set.Body.OfType<CodeBlock>().ToList();
                if (code.Count != 1 || set.Body.Count != 1)
                    throw Error(set.Line, $"syntax '### {set.Title}' must hold exactly one code block.");
                string name = set.Title;
                bool isDefault = name.EndsWith(" (Default)", StringComparison.Ordinal);
                if (isDefault)
                    name = name.Substring(0, name.Length - " (Default)".Length).Trim();
                if (page.Syntax.Any(s => s.Name == name))
                    throw Error(set.Line, $"parameter set '{name}' appears twice under '## SYNTAX'.");
                page.Syntax.Add(new SyntaxSet { Name = name, IsDefault = isDefault, Code = MarkdownText.Code(code[0]) });
            }
        }

        void ReadExamples(Section section, CommandPage page)
        {
            List<Section> examples = MarkdownText.Split(section.Body, 3, out List<Block> leading);
            if (leading.Count > 0)
                throw Error(leading[0].Line, "text under '## EXAMPLES' before the first '### Example 1: title'.");
            if (examples.Count == 0)
                throw Error(section.Line, "'## EXAMPLES' has no '### Example 1: title'.");
            foreach (Section ex in examples)
            {
                var example = new Example { Title = ex.Title };
                CodeBlock? code = ex.Body.OfType<CodeBlock>().FirstOrDefault()
                    ?? throw Error(ex.Line, $"example '### {ex.Title}' has no code block.");
                example.Code = MarkdownText.Code(code);
                example.Remarks.AddRange(MarkdownText.Paragraphs(ex.Body.Where(b => b != code), _source));
                if (example.Remarks.Any(MarkdownText.IsPlaceholder) || MarkdownText.IsPlaceholder(example.Code) || MarkdownText.IsPlaceholder(ex.Title))
                    throw Error(ex.Line, $"example '### {ex.Title}' still holds a '{{{{ ... }}}}' placeholder.");
                page.Examples.Add(example);
            }
        }

        void ReadParameters(Section section, CommandPage page)
        {
            List<Section> parameters = MarkdownText.Split(section.Body, 3, out List<Block> leading);
            if (leading.Count > 0)
                throw Error(leading[0].Line, "text under '## PARAMETERS' before the first '### -Name'.");
            bool common = false;
            foreach (Section p in parameters)
            {
                if (p.Title == "CommonParameters")
                {
                    common = true;
                    continue;
                }
                if (common)
                    throw Error(p.Line, "'### CommonParameters' comes after every parameter.");
                if (!Regex.IsMatch(p.Title, "^-[A-Za-z][A-Za-z0-9_]*$"))
                    throw Error(p.Line, $"'### {p.Title}' under '## PARAMETERS' is not '### -ParameterName' or '### CommonParameters'.");

                var parameter = new ParameterHelp { Name = p.Title.Substring(1) };
                if (page.Parameters.Any(x => string.Equals(x.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                    throw Error(p.Line, $"parameter -{parameter.Name} is documented twice.");
                var yamlBlocks = p.Body.OfType<FencedCodeBlock>().Where(b => b.Info == "yaml").ToList();
                if (yamlBlocks.Count == 0)
                    throw Error(p.Line, $"parameter -{parameter.Name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters).");
                parameter.Description.AddRange(MarkdownText.Paragraphs(p.Body.Where(b => !yamlBlocks.Contains(b)), _source));
                CheckText(p, parameter.Description, required: true, $"the description of -{parameter.Name}");
                foreach (FencedCodeBlock yaml in yamlBlocks)
                    parameter.Metadata.Add(ReadYaml(yaml, parameter.Name, page));
                page.Parameters.Add(parameter);
            }
            if (!common)
                throw Error(section.Line, "'## PARAMETERS' has no '### CommonParameters'.");
        }

        ParameterMetadata ReadYaml(FencedCodeBlock block, string parameter, CommandPage page)
        {
            Dictionary<string, string> values = MarkdownText.KeyValues(MarkdownText.Code(block), out List<string> bad);
            if (bad.Count > 0)
                throw Error(block.Line, $"-{parameter}: yaml line '{bad[0]}' is not 'Key: value'.");
            foreach (string key in RequiredYamlKeys)
            {
                if (!values.ContainsKey(key))
                    throw Error(block.Line, $"-{parameter}: yaml block has no '{key}:'.");
            }
            foreach (string key in values.Keys)
            {
                if (!RequiredYamlKeys.Concat(OptionalYamlKeys).Contains(key, StringComparer.OrdinalIgnoreCase))
                    throw Error(block.Line, $"-{parameter}: unknown yaml key '{key}:'.");
            }

            var meta = new ParameterMetadata
            {
                Type = values["Type"],
                Required = Bool(values["Required"], "Required"),
                DefaultValue = values["Default value"].Length == 0 ? "None" : values["Default value"],
                Wildcards = Bool(values["Accept wildcard characters"], "Accept wildcard characters"),
                DontShow = values.TryGetValue("DontShow", out string? dontShow) && Bool(dontShow, "DontShow"),
            };
            if (meta.Type.Length == 0)
                throw Error(block.Line, $"-{parameter}: 'Type:' is empty.");

            string sets = values["Parameter Sets"];
            if (sets != "(All)")
            {
                meta.ParameterSets.AddRange(List(sets));
                if (meta.ParameterSets.Count == 0)
                    throw Error(block.Line, $"-{parameter}: 'Parameter Sets:' is empty; write (All) or the set names.");
                foreach (string set in meta.ParameterSets)
                {
                    if (!page.Syntax.Any(s => s.Name == set))
                        throw Error(block.Line, $"-{parameter}: parameter set '{set}' has no '### {set}' under '## SYNTAX'.");
                }
            }
            meta.Aliases.AddRange(List(values["Aliases"]));
            if (values.TryGetValue("Accepted values", out string? accepted))
                meta.AcceptedValues.AddRange(List(accepted));

            string position = values["Position"];
            if (position.Equals("Named", StringComparison.OrdinalIgnoreCase))
                meta.Position = "named";
            else if (int.TryParse(position, out int index) && index >= 0)
                meta.Position = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            else
                throw Error(block.Line, $"-{parameter}: 'Position: {position}' is neither Named nor a number.");

            Match pipeline = Regex.Match(values["Accept pipeline input"], @"^(?i:(False)|True\s*\(\s*(By\w+)\s*(?:,\s*(By\w+)\s*)?\))$");
            if (!pipeline.Success)
                throw Error(block.Line, $"-{parameter}: 'Accept pipeline input: {values["Accept pipeline input"]}' should be False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue).");
            foreach (Group g in new[] { pipeline.Groups[2], pipeline.Groups[3] }.Where(g => g.Success))
            {
                if (g.Value.Equals("ByValue", StringComparison.OrdinalIgnoreCase))
                    meta.ByValue = true;
                else if (g.Value.Equals("ByPropertyName", StringComparison.OrdinalIgnoreCase))
                    meta.ByPropertyName = true;
                else
                    throw Error(block.Line, $"-{parameter}: unknown pipeline input kind '{g.Value}'.");
            }
            return meta;

            bool Bool(string value, string key) => value.ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                _ => throw Error(block.Line, $"-{parameter}: '{key}: {value}' should be True or False."),
            };
        }

        static List<string> List(string value) =>
            value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

        void ReadTypes(Section section, List<TypeHelp> types)
        {
            List<Section> items = MarkdownText.Split(section.Body, 3, out List<Block> leading);
            if (leading.Count > 0)
                throw Error(leading[0].Line, $"'## {section.Title}' holds '### TypeName' headings, each followed by its description.");
            foreach (Section item in items)
            {
                var type = new TypeHelp { TypeName = item.Title };
                type.Description.AddRange(MarkdownText.Paragraphs(item.Body, _source));
                CheckText(item, type.Description, required: false, $"'### {item.Title}'");
                types.Add(type);
            }
        }

        void ReadLinks(Section section, CommandPage page)
        {
            if (page.OnlineVersion.Length > 0)
                page.RelatedLinks.Add(new Link { Text = "Online Version:", Uri = page.OnlineVersion });
            foreach (Block block in section.Body)
            {
                IEnumerable<Block> items = block is ListBlock list ? list.OfType<ListItemBlock>().SelectMany(i => i) : new[] { block };
                foreach (Block item in items)
                {
                    if (item is not ParagraphBlock paragraph)
                        throw Error(item.Line, "'## RELATED LINKS' holds only links: [Text](uri), one a paragraph or list item.");
                    var link = paragraph.Inline?.FirstChild as Markdig.Syntax.Inlines.LinkInline;
                    page.RelatedLinks.Add(link is null
                        ? new Link { Text = MarkdownText.Inline(paragraph.Inline).Trim() }
                        : new Link
                        {
                            Text = string.Concat(link.Select(MarkdownText.Inline)).Trim(),
                            // Relative links (Other-Cmdlet.md) name a command; only absolute ones are URIs.
                            Uri = link.Url is { } url && url.Contains("://") ? url : "",
                        });
                }
            }
        }
    }
}
