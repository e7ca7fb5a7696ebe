using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Serialization;
using PSAri.Client;
using PSAri.Json;
using PSAri.Model;
using Xunit;

namespace PSAri.Tests
{
    /// <summary>Checks over every model class by reflection, so a class added later cannot be forgotten.</summary>
    public class ModelCoverageTests
    {
        private static readonly Type[] ModelTypes = typeof(AriObject).Assembly.GetTypes()
            .Where(t => typeof(AriObject).IsAssignableFrom(t) && !t.IsAbstract && t.IsPublic)
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();

        private static readonly HashSet<Type> NameKeyed = new HashSet<Type>
        {
            typeof(Application), typeof(LiveRecording), typeof(StoredRecording), typeof(DeviceState), typeof(AsteriskModule), typeof(Mailbox),
        };

        [Fact]
        public void EveryModelIsInTheJsonContext()
        {
            var missing = ModelTypes.Where(t => AriJsonContext.Default.GetTypeInfo(t) is null).Select(t => t.Name).ToList();
            Assert.True(missing.Count == 0, "not in AriJsonContext: " + string.Join(", ", missing));
            Assert.True(ModelTypes.Length >= 85, $"only {ModelTypes.Length} model classes");
        }

        [Fact]
        public void EveryEventClassIsInTheParserMap()
        {
            var mapped = new HashSet<Type>(AriEventParser.KnownTypes.Select(n =>
                AriEventParser.Parse(System.Text.Encoding.UTF8.GetBytes($"{{\"type\":\"{n}\"}}")).GetType()));
            // AriConnectionEvent is PSAri's own (socket lost / restored): it never comes from the server.
            var missing = ModelTypes.Where(t => typeof(AriMessage).IsAssignableFrom(t) && t != typeof(AriEvent) && t != typeof(AriMessage)
                    && t != typeof(AriConnectionEvent) && !mapped.Contains(t))
                .Select(t => t.Name).ToList();
            Assert.True(missing.Count == 0, "not in AriEventParser's map: " + string.Join(", ", missing));
        }

        [Fact]
        public void EventClassNamesEndInEventAndModelsWithAnIdSayItInToString()
        {
            foreach (var t in ModelTypes.Where(t => typeof(AriEvent).IsAssignableFrom(t) && t != typeof(AriEvent)))
                Assert.EndsWith("Event", t.Name);
            foreach (var t in ModelTypes)
            {
                // Objects ARI identifies by id, or by name where the name is the identifier.
                var id = t.GetProperty("Id") ?? (NameKeyed.Contains(t) ? t.GetProperty("Name") : null);
                if (id is null || id.PropertyType != typeof(string) || !id.CanWrite) continue;
                var o = Activator.CreateInstance(t)!;
                id.SetValue(o, "the-id");
                Assert.True(o.ToString() == "the-id", $"{t.Name}.ToString() is '{o}', not its {id.Name}");
            }
        }

        [Fact]
        public void AttachStampsTheConnectionOnEveryNestedObject()
        {
            using var connection = new AriConnection(new Uri("http://pbx:8088/"), new AriCredential(TestSecret.User, TestSecret.Password), TimeSpan.FromSeconds(1));
            var failures = new List<string>();
            foreach (var t in ModelTypes)
            {
                var root = (AriObject)Activator.CreateInstance(t)!;
                Fill(root, 0);
                root.Attach(connection);
                Check(root, t.Name, connection, failures, 0);
            }
            Assert.True(failures.Count == 0, "not attached:\n" + string.Join("\n", failures));
        }

        [Fact]
        public void PropertiesUsePlainSettersAndNoSystemTextJsonTypesArePublic()
        {
            var failures = new List<string>();
            foreach (var t in ModelTypes)
                foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    if (p.PropertyType.Namespace?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true)
                        failures.Add($"{t.Name}.{p.Name} exposes {p.PropertyType}");
                    var set = p.SetMethod;
                    if (set != null && set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
                        failures.Add($"{t.Name}.{p.Name} uses init");
                    if (p.GetCustomAttribute<JsonPropertyNameAttribute>() is null && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
                        failures.Add($"{t.Name}.{p.Name} has neither JsonPropertyName nor JsonIgnore");
                }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        private static IEnumerable<PropertyInfo> NestedProperties(Type t) =>
            t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead && p.Name != nameof(AriObject.Connection)
                            && (typeof(AriObject).IsAssignableFrom(p.PropertyType)
                                || (p.PropertyType.IsArray && typeof(AriObject).IsAssignableFrom(p.PropertyType.GetElementType()))));

        private static void Fill(AriObject o, int depth)
        {
            if (depth > 4) return;
            foreach (var p in NestedProperties(o.GetType()))
            {
                if (!p.CanWrite) continue;
                if (p.PropertyType.IsArray)
                {
                    var element = (AriObject)Activator.CreateInstance(p.PropertyType.GetElementType()!)!;
                    Fill(element, depth + 1);
                    var array = Array.CreateInstance(p.PropertyType.GetElementType()!, 1);
                    array.SetValue(element, 0);
                    p.SetValue(o, array);
                }
                else
                {
                    var child = (AriObject)Activator.CreateInstance(p.PropertyType)!;
                    Fill(child, depth + 1);
                    p.SetValue(o, child);
                }
            }
        }

        private static void Check(AriObject o, string path, AriConnection c, List<string> failures, int depth)
        {
            if (!ReferenceEquals(o.Connection, c)) failures.Add(path);
            if (depth > 4) return;
            foreach (var p in NestedProperties(o.GetType()))
            {
                var v = p.GetValue(o);
                if (v is AriObject child) Check(child, path + "." + p.Name, c, failures, depth + 1);
                else if (v is IEnumerable items)
                    foreach (var item in items.OfType<AriObject>()) Check(item, path + "." + p.Name + "[]", c, failures, depth + 1);
            }
        }
    }
}
