using System.Text.Json;
using System.Text.Json.Nodes;
using AtlasGuard.Formats.Text;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Formats.GitHubActions;

/// <summary>
/// Turns a YAML tree read by <see cref="YamlTreeReader"/> into an <see cref="ActionsWorkflow"/>: a workflow when the root has
/// <c>jobs</c>, an action when it has <c>runs</c>. Tolerant: values of unexpected shapes are skipped, never thrown on.
/// Bounded by the tree, which the YAML reader already bounded.
/// </summary>
public static class ActionsWorkflowReader
{
    /// <summary>Reads the workflow or action of <paramref name="document"/>; <paramref name="text"/> is the whole file's text.</summary>
    public static ActionsWorkflow Read(YamlDocument document, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(text);
        var context = new Context(document, new LineIndex(text), text);
        if (document.Root is not JsonObject root)
        {
            return new ActionsWorkflow(ActionsFileKind.Unrecognised, [], null, 0, [], []);
        }

        if (root["runs"] is JsonObject runs)
        {
            var composite = string.Equals(ScalarText(runs["using"]), "composite", StringComparison.OrdinalIgnoreCase);
            var steps = composite ? ReadSteps(runs["steps"], "/runs/steps", context, cancellationToken) : [];
            var job = new ActionsJob("composite", context.Line("/runs"), [], null, 0, null, null, steps, []);
            return new ActionsWorkflow(composite ? ActionsFileKind.CompositeAction : ActionsFileKind.OtherAction, [], null, 0, [job], []);
        }

        if (root["jobs"] is not JsonObject jobs)
        {
            return new ActionsWorkflow(ActionsFileKind.Unrecognised, [], null, 0, [], []);
        }

        var triggers = ReadTriggers(root, context);
        var list = new List<ActionsJob>();
        foreach (var (id, node) in jobs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is JsonObject job)
            {
                list.Add(ReadJob(id, job, YamlSourceMap.Child("/jobs", id), context, cancellationToken));
            }
        }

        return new ActionsWorkflow(ActionsFileKind.Workflow, triggers, root["permissions"], root.ContainsKey("permissions") ? context.KeyLine("/permissions") : 0,
            list, ReadEnv(root["env"], "/env", context));
    }

    private static List<ActionsValue> ReadTriggers(JsonObject root, Context context)
    {
        // YAML 1.1 readers turn the key 'on' into true; ours keeps YAML 1.2 strings, but accept "true" in case.
        var key = root.ContainsKey("on") ? "on" : root.ContainsKey("true") ? "true" : null;
        var triggers = new List<ActionsValue>();
        if (key is null)
        {
            return triggers;
        }

        var pointer = "/" + key;
        switch (root[key])
        {
            case JsonValue value when ScalarText(value) is { } name:
                triggers.Add(new ActionsValue(name.Trim().ToLowerInvariant(), context.Line(pointer)));
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (ScalarText(array[i]) is { } item)
                    {
                        triggers.Add(new ActionsValue(item.Trim().ToLowerInvariant(), context.Line(YamlSourceMap.Child(pointer, i))));
                    }
                }

                break;
            case JsonObject map:
                foreach (var (name, _) in map)
                {
                    triggers.Add(new ActionsValue(name.Trim().ToLowerInvariant(), context.KeyLine(YamlSourceMap.Child(pointer, name))));
                }

                break;
        }

        return triggers;
    }

    private static ActionsJob ReadJob(string id, JsonObject job, string pointer, Context context, CancellationToken cancellationToken)
    {
        var runsOn = new List<ActionsValue>();
        var runsOnPointer = YamlSourceMap.Child(pointer, "runs-on");
        switch (job["runs-on"])
        {
            case JsonArray labels:
                for (var i = 0; i < labels.Count; i++)
                {
                    AddLabel(runsOn, labels[i], context.Line(YamlSourceMap.Child(runsOnPointer, i)));
                }

                break;
            case JsonObject map:
                AddLabel(runsOn, map["group"], context.Line(YamlSourceMap.Child(runsOnPointer, "group")));
                if (map["labels"] is JsonArray more)
                {
                    foreach (var label in more)
                    {
                        AddLabel(runsOn, label, context.Line(YamlSourceMap.Child(runsOnPointer, "labels")));
                    }
                }
                else
                {
                    AddLabel(runsOn, map["labels"], context.Line(YamlSourceMap.Child(runsOnPointer, "labels")));
                }

                break;
            case var single:
                AddLabel(runsOn, single, context.Line(runsOnPointer));
                break;
        }

        var usesPointer = YamlSourceMap.Child(pointer, "uses");
        ActionsValue? uses = ScalarText(job["uses"]) is { } u ? new ActionsValue(u, context.Line(usesPointer)) : null;
        var secretsPointer = YamlSourceMap.Child(pointer, "secrets");
        ActionsValue? inherit = ScalarText(job["secrets"]) is { } s && string.Equals(s.Trim(), "inherit", StringComparison.OrdinalIgnoreCase)
            ? new ActionsValue(s, context.Line(secretsPointer))
            : null;
        var permissionsPointer = YamlSourceMap.Child(pointer, "permissions");
        return new ActionsJob(id, context.KeyLine(pointer), runsOn, job["permissions"], job.ContainsKey("permissions") ? context.KeyLine(permissionsPointer) : 0,
            uses, inherit, ReadSteps(job["steps"], YamlSourceMap.Child(pointer, "steps"), context, cancellationToken),
            ReadEnv(job["env"], YamlSourceMap.Child(pointer, "env"), context), ScalarText(job["if"]));
    }

    private static void AddLabel(List<ActionsValue> labels, JsonNode? node, int line)
    {
        if (ScalarText(node) is { } text)
        {
            labels.Add(new ActionsValue(text.Trim(), line));
        }
    }

    private static List<ActionsStep> ReadSteps(JsonNode? node, string pointer, Context context, CancellationToken cancellationToken)
    {
        var steps = new List<ActionsStep>();
        if (node is not JsonArray array)
        {
            return steps;
        }

        for (var i = 0; i < array.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (array[i] is not JsonObject step)
            {
                continue;
            }

            var stepPointer = YamlSourceMap.Child(pointer, i);
            var usesPointer = YamlSourceMap.Child(stepPointer, "uses");
            ActionsValue? uses = ScalarText(step["uses"]) is { } u ? new ActionsValue(u, context.Line(usesPointer)) : null;
            ActionsRun? run = ScalarText(step["run"]) is { } r ? new ActionsRun(r, context.ScalarTextLine(YamlSourceMap.Child(stepPointer, "run"))) : null;
            var with = new Dictionary<string, ActionsValue>(StringComparer.Ordinal);
            if (step["with"] is JsonObject inputs)
            {
                foreach (var (name, value) in inputs)
                {
                    if (ScalarText(value) is { } text)
                    {
                        var inputPointer = YamlSourceMap.Child(YamlSourceMap.Child(stepPointer, "with"), name);
                        with[name] = new ActionsValue(text, context.ScalarTextLine(inputPointer));
                    }
                }
            }

            steps.Add(new ActionsStep(i, context.Line(stepPointer), ScalarText(step["name"]), uses, run, with,
                ReadEnv(step["env"], YamlSourceMap.Child(stepPointer, "env"), context)));
        }

        return steps;
    }

    private static List<ActionsValue> ReadEnv(JsonNode? node, string pointer, Context context)
    {
        var env = new List<ActionsValue>();
        if (node is JsonObject map)
        {
            foreach (var (name, value) in map)
            {
                env.Add(new ActionsValue(name + "=" + (ScalarText(value) ?? string.Empty), context.Line(YamlSourceMap.Child(pointer, name))));
            }
        }

        return env;
    }

    /// <summary>A scalar's text: strings as they are, numbers and booleans as YAML would print them; null for maps and lists.</summary>
    public static string? ScalarText(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;

    private sealed class Context(YamlDocument document, LineIndex lines, string text)
    {
        public int Line(string pointer) => document.Line(pointer);

        public int KeyLine(string pointer)
        {
            var mark = document.Map.KeyAt(pointer);
            return mark.Line > 0 ? mark.Line + document.LineOffset : 0;
        }

        /// <summary>The line of a scalar's first text line: the next line for a block scalar (<c>|</c>, <c>&gt;</c>).</summary>
        public int ScalarTextLine(string pointer)
        {
            var mark = document.Map.ValueAt(pointer);
            if (mark.Line <= 0)
            {
                return 0;
            }

            var line = mark.Line + document.LineOffset;
            var at = lines.StartOf(line) + Math.Max(0, mark.Column - 1);
            return at < text.Length && text[at] is '|' or '>' ? line + 1 : line;
        }
    }
}
