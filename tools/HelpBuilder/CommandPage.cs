using System.Collections.Generic;

namespace PSAri.HelpBuilder
{
    /// <summary>One cmdlet's help, as read from its markdown page.</summary>
    public sealed class CommandPage
    {
        public string Name { get; set; } = "";
        public string OnlineVersion { get; set; } = "";
        public List<string> Synopsis { get; } = new();
        public List<SyntaxSet> Syntax { get; } = new();
        public List<string> Description { get; } = new();
        public List<Example> Examples { get; } = new();
        public List<ParameterHelp> Parameters { get; } = new();
        public List<TypeHelp> Inputs { get; } = new();
        public List<TypeHelp> Outputs { get; } = new();
        public List<string> Notes { get; } = new();
        public List<Link> RelatedLinks { get; } = new();

        public string Verb => Name.Substring(0, Name.IndexOf('-'));
        public string Noun => Name.Substring(Name.IndexOf('-') + 1);
    }

    /// <summary>A "### SetName" under SYNTAX with its code block.</summary>
    public sealed class SyntaxSet
    {
        public string Name { get; set; } = "";
        public bool IsDefault { get; set; }
        public string Code { get; set; } = "";
    }

    /// <summary>A "### Example N: title": its code and the text around it.</summary>
    public sealed class Example
    {
        public string Title { get; set; } = "";
        public string Code { get; set; } = "";
        public List<string> Remarks { get; } = new();
    }

    /// <summary>A "### -Name" under PARAMETERS: its description and one or more yaml blocks.
    /// platyPS writes several yaml blocks when the parameter differs between parameter sets.</summary>
    public sealed class ParameterHelp
    {
        public string Name { get; set; } = "";
        public List<string> Description { get; } = new();
        public List<ParameterMetadata> Metadata { get; } = new();
    }

    /// <summary>The fields of one ```yaml block under a parameter.</summary>
    public sealed class ParameterMetadata
    {
        public string Type { get; set; } = "";
        /// <summary>Parameter set names; empty means "(All)".</summary>
        public List<string> ParameterSets { get; } = new();
        public List<string> Aliases { get; } = new();
        public List<string> AcceptedValues { get; } = new();
        public bool Required { get; set; }
        /// <summary>"named" or a 0-based position.</summary>
        public string Position { get; set; } = "named";
        public string DefaultValue { get; set; } = "None";
        public bool ByValue { get; set; }
        public bool ByPropertyName { get; set; }
        public bool Wildcards { get; set; }
        public bool DontShow { get; set; }

        public bool InAllSets => ParameterSets.Count == 0;
        public bool IsSwitch => Type is "System.Management.Automation.SwitchParameter" or "SwitchParameter";

        public string PipelineInput =>
            ByValue && ByPropertyName ? "True (ByPropertyName, ByValue)"
            : ByValue ? "True (ByValue)"
            : ByPropertyName ? "True (ByPropertyName)"
            : "False";
    }

    /// <summary>A "### TypeName" under INPUTS or OUTPUTS.</summary>
    public sealed class TypeHelp
    {
        public string TypeName { get; set; } = "";
        public List<string> Description { get; } = new();
    }

    public sealed class Link
    {
        public string Text { get; set; } = "";
        public string Uri { get; set; } = "";
    }
}
