using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PSAri.HelpBuilder
{
    /// <summary>
    /// Entry point. Reads every docs/en-US/Verb-Noun.md (platyPS markdown schema 2.0.0) into one
    /// MAML file &lt;out&gt;/&lt;assembly&gt;-Help.xml, and every about_*.md into &lt;out&gt;/about_*.help.txt.
    /// Exit codes: 0 built, 1 a page breaks the schema (every broken page is listed), 2 bad arguments.
    /// </summary>
    public static class Program
    {
        const string Usage = "usage: HelpBuilder --docs <docs/en-US> --out <folder> --assembly <PSAri.dll>";

        public static int Main(string[] args)
        {
            Dictionary<string, string> options;
            try
            {
                options = ParseArguments(args);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"HelpBuilder: {e.Message}");
                Console.Error.WriteLine(Usage);
                return 2;
            }

            string docs = options["--docs"];
            string outDir = options["--out"];
            string assembly = options["--assembly"];
            if (!Directory.Exists(docs))
            {
                Console.Error.WriteLine($"HelpBuilder: docs folder '{docs}' does not exist.");
                return 2;
            }

            var commands = new List<CommandPage>();
            var abouts = new List<AboutTopic>();
            var errors = new List<string>();
            foreach (string file in Directory.GetFiles(docs, "*.md").OrderBy(f => f, StringComparer.Ordinal))
            {
                string name = Path.GetFileNameWithoutExtension(file);
                try
                {
                    if (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                        abouts.Add(AboutTopic.Read(file));
                    else
                        commands.Add(CommandPageReader.Read(file, assembly));
                }
                catch (SchemaException e)
                {
                    errors.Add(e.Message);
                }
            }

            if (errors.Count > 0)
            {
                foreach (string error in errors)
                    Console.Error.WriteLine($"error: {error}");
                Console.Error.WriteLine($"HelpBuilder: {errors.Count} page(s) break the platyPS schema; no help was written.");
                return 1;
            }
            if (commands.Count == 0)
                Console.Error.WriteLine($"HelpBuilder: warning: no cmdlet pages (Verb-Noun.md) in '{docs}'; the MAML file lists no commands.");

            Directory.CreateDirectory(outDir);
            string mamlPath = Path.Combine(outDir, assembly + "-Help.xml");
            MamlWriter.Write(commands, mamlPath);
            Console.WriteLine($"HelpBuilder: {commands.Count} cmdlet page(s) -> {mamlPath}");
            foreach (AboutTopic about in abouts)
            {
                string path = Path.Combine(outDir, about.Name + ".help.txt");
                File.WriteAllText(path, about.ToText());
                Console.WriteLine($"HelpBuilder: {about.Name} -> {path}");
            }
            return 0;
        }

        static Dictionary<string, string> ParseArguments(string[] args)
        {
            var known = new[] { "--docs", "--out", "--assembly" };
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < args.Length; i++)
            {
                if (!known.Contains(args[i], StringComparer.OrdinalIgnoreCase))
                    throw new ArgumentException($"unknown argument '{args[i]}'.");
                if (i + 1 >= args.Length)
                    throw new ArgumentException($"{args[i]} needs a value.");
                options[args[i]] = args[++i];
            }
            foreach (string name in known)
            {
                if (!options.ContainsKey(name))
                    throw new ArgumentException($"{name} is required.");
            }
            return options;
        }
    }

    /// <summary>A page that does not follow the schema: the message names the file and line.</summary>
    public sealed class SchemaException : Exception
    {
        public SchemaException(string file, int line, string message)
            : base($"{Path.GetFileName(file)}:{line + 1}: {message}") { }
    }
}
