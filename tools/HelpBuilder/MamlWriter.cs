using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace PSAri.HelpBuilder
{
    /// <summary>Writes cmdlet pages as one MAML help file, the format PowerShell's Get-Help reads for
    /// binary modules (&lt;Assembly&gt;-Help.xml beside the module, in the culture folder).</summary>
    public static class MamlWriter
    {
        const string Msh = "http://msh";
        const string Maml = "http://schemas.microsoft.com/maml/2004/10";
        const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        public static void Write(IEnumerable<CommandPage> pages, string path)
        {
            var settings = new XmlWriterSettings
            {
                Indent = true,
                IndentChars = "  ",
                Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
                NewLineChars = "\n",
            };
            using XmlWriter xml = XmlWriter.Create(path, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("helpItems", Msh);
            xml.WriteAttributeString("schema", "maml");
            foreach (CommandPage page in pages)
                WriteCommand(xml, page);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        static void WriteCommand(XmlWriter xml, CommandPage page)
        {
            xml.WriteStartElement("command", "command", Command);
            xml.WriteAttributeString("xmlns", "maml", null, Maml);
            xml.WriteAttributeString("xmlns", "command", null, Command);
            xml.WriteAttributeString("xmlns", "dev", null, Dev);

            xml.WriteStartElement("details", Command);
            xml.WriteElementString("name", Command, page.Name);
            xml.WriteElementString("verb", Command, page.Verb);
            xml.WriteElementString("noun", Command, page.Noun);
            Description(xml, page.Synopsis);
            xml.WriteEndElement();

            Description(xml, page.Description);

            xml.WriteStartElement("syntax", Command);
            foreach (SyntaxSet set in page.Syntax)
            {
                xml.WriteStartElement("syntaxItem", Command);
                xml.WriteElementString("name", Maml, page.Name);
                foreach ((ParameterHelp parameter, ParameterMetadata meta) in ParametersOf(page, set))
                    Parameter(xml, parameter, meta, inSyntax: true);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteStartElement("parameters", Command);
            foreach (ParameterHelp parameter in page.Parameters)
                Parameter(xml, parameter, parameter.Metadata[0], inSyntax: false);
            xml.WriteEndElement();

            Types(xml, "inputTypes", "inputType", page.Inputs);
            Types(xml, "returnValues", "returnValue", page.Outputs);

            xml.WriteStartElement("alertSet", Maml);
            xml.WriteStartElement("alert", Maml);
            Paras(xml, page.Notes);
            xml.WriteEndElement();
            xml.WriteEndElement();

            xml.WriteStartElement("examples", Command);
            foreach (Example example in page.Examples)
            {
                xml.WriteStartElement("example", Command);
                xml.WriteElementString("title", Maml, $"--------- {example.Title} ---------");
                xml.WriteElementString("code", Dev, example.Code);
                xml.WriteStartElement("remarks", Dev);
                Paras(xml, example.Remarks);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteStartElement("relatedLinks", Command);
            foreach (Link link in page.RelatedLinks)
            {
                xml.WriteStartElement("navigationLink", Maml);
                xml.WriteElementString("linkText", Maml, link.Text);
                xml.WriteElementString("uri", Maml, link.Uri);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();

            xml.WriteEndElement();
        }

        /// <summary>The parameters of one parameter set, in the order its syntax block names them,
        /// each with the yaml block that applies to that set.</summary>
        static IEnumerable<(ParameterHelp, ParameterMetadata)> ParametersOf(CommandPage page, SyntaxSet set)
        {
            var order = Regex.Matches(set.Code, @"(?<![\w-])-(\w+)").Select(m => m.Groups[1].Value).ToList();
            var inSet = new List<(ParameterHelp, ParameterMetadata)>();
            foreach (ParameterHelp parameter in page.Parameters)
            {
                ParameterMetadata? meta = parameter.Metadata.FirstOrDefault(m => m.ParameterSets.Contains(set.Name))
                    ?? parameter.Metadata.FirstOrDefault(m => m.InAllSets);
                if (meta is not null && !meta.DontShow)
                    inSet.Add((parameter, meta));
            }
            return inSet.OrderBy(p =>
            {
                int index = order.FindIndex(n => string.Equals(n, p.Item1.Name, System.StringComparison.OrdinalIgnoreCase));
                return index < 0 ? int.MaxValue : index;
            });
        }

        static void Parameter(XmlWriter xml, ParameterHelp parameter, ParameterMetadata meta, bool inSyntax)
        {
            xml.WriteStartElement("parameter", Command);
            xml.WriteAttributeString("required", meta.Required ? "true" : "false");
            xml.WriteAttributeString("variableLength", "true");
            xml.WriteAttributeString("globbing", meta.Wildcards ? "true" : "false");
            xml.WriteAttributeString("pipelineInput", meta.PipelineInput);
            xml.WriteAttributeString("position", meta.Position);
            xml.WriteAttributeString("aliases", meta.Aliases.Count == 0 ? "none" : string.Join(", ", meta.Aliases));
            xml.WriteElementString("name", Maml, parameter.Name);
            Description(xml, parameter.Description);
            if (meta.AcceptedValues.Count > 0)
            {
                xml.WriteStartElement("parameterValueGroup", Command);
                foreach (string value in meta.AcceptedValues)
                {
                    xml.WriteStartElement("parameterValue", Command);
                    xml.WriteAttributeString("required", "false");
                    xml.WriteAttributeString("variableLength", "false");
                    xml.WriteString(value);
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            // A switch shows as [-Name] in syntax: no value element there.
            if (!(inSyntax && meta.IsSwitch))
            {
                xml.WriteStartElement("parameterValue", Command);
                xml.WriteAttributeString("required", meta.IsSwitch ? "false" : "true");
                xml.WriteAttributeString("variableLength", "false");
                xml.WriteString(ShortTypeName(meta.Type));
                xml.WriteEndElement();
            }
            xml.WriteStartElement("type", Dev);
            xml.WriteElementString("name", Maml, meta.Type);
            xml.WriteElementString("uri", Maml, "");
            xml.WriteEndElement();
            xml.WriteElementString("defaultValue", Dev, meta.DefaultValue);
            xml.WriteEndElement();
        }

        /// <summary>"System.String[]" -> "String[]", "PSAri.Client.AriConnection" -> "AriConnection".</summary>
        static string ShortTypeName(string type)
        {
            Match nullable = Regex.Match(type, @"^System\.Nullable`1\[\[?([^,\]]+)");
            if (nullable.Success)
                return ShortTypeName(nullable.Groups[1].Value);
            if (type.Contains('`') || type.Contains('['))
            {
                int bracket = type.IndexOf('[');
                string head = bracket < 0 ? type : type.Substring(0, bracket);
                if (head.Contains('`'))
                    return type;
                return ShortTypeName(head) + type.Substring(bracket);
            }
            int dot = type.LastIndexOf('.');
            return dot < 0 ? type : type.Substring(dot + 1);
        }

        static void Types(XmlWriter xml, string listName, string itemName, List<TypeHelp> types)
        {
            xml.WriteStartElement(listName, Command);
            foreach (TypeHelp type in types)
            {
                xml.WriteStartElement(itemName, Command);
                xml.WriteStartElement("type", Dev);
                xml.WriteElementString("name", Maml, type.TypeName);
                xml.WriteEndElement();
                Description(xml, type.Description);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }

        static void Description(XmlWriter xml, List<string> paragraphs)
        {
            xml.WriteStartElement("description", Maml);
            Paras(xml, paragraphs);
            xml.WriteEndElement();
        }

        static void Paras(XmlWriter xml, List<string> paragraphs)
        {
            foreach (string paragraph in paragraphs)
                xml.WriteElementString("para", Maml, paragraph);
        }
    }
}
