using System.Text.Json.Nodes;
using AtlasGuard.Formats.Text;

namespace AtlasGuard.Formats.GitHubActions;

/// <summary>What kind of GitHub Actions file was read.</summary>
public enum ActionsFileKind
{
    /// <summary>A workflow (<c>.github/workflows/*.yml</c>): triggers and jobs.</summary>
    Workflow,

    /// <summary>A composite action (<c>action.yml</c> with <c>runs.using: composite</c>): one list of steps, shown as one job.</summary>
    CompositeAction,

    /// <summary>Another action metadata file (JavaScript or Docker action): no steps to look at.</summary>
    OtherAction,

    /// <summary>Neither: the file does not have the shape of a workflow or an action.</summary>
    Unrecognised,
}

/// <summary>A string value of the file and the 1-based line it is on (0 when unknown).</summary>
public readonly record struct ActionsValue(string Text, int Line);

/// <summary>
/// A GitHub Actions workflow or composite action, reduced to what security checks look at. Every value keeps its file
/// line. Values that are not plain strings (numbers, booleans) are kept as their text; nothing is evaluated.
/// </summary>
public sealed class ActionsWorkflow
{
    internal ActionsWorkflow(ActionsFileKind kind, IReadOnlyList<ActionsValue> triggers, JsonNode? permissions, int permissionsLine,
        IReadOnlyList<ActionsJob> jobs, IReadOnlyList<ActionsValue> env)
    {
        Kind = kind;
        Triggers = triggers;
        Permissions = permissions;
        PermissionsLine = permissionsLine;
        Jobs = jobs;
        Env = env;
    }

    /// <summary>What the file is.</summary>
    public ActionsFileKind Kind { get; }

    /// <summary>The events of <c>on:</c> (a string, a list or a map), lower-case, in file order.</summary>
    public IReadOnlyList<ActionsValue> Triggers { get; }

    /// <summary>The top-level <c>permissions</c> value (a string such as <c>write-all</c>, or a map), or null when absent.</summary>
    public JsonNode? Permissions { get; }

    /// <summary>Whether the top-level <c>permissions</c> key is present (it may be present and empty).</summary>
    public bool HasPermissions => PermissionsLine > 0;

    /// <summary>The line of the top-level <c>permissions</c> key, or 0 when absent.</summary>
    public int PermissionsLine { get; }

    /// <summary>The jobs in file order (for a composite action: one job holding its steps).</summary>
    public IReadOnlyList<ActionsJob> Jobs { get; }

    /// <summary>Top-level <c>env</c> entries as <c>NAME=value</c>.</summary>
    public IReadOnlyList<ActionsValue> Env { get; }

    /// <summary>Whether the workflow runs on <paramref name="trigger"/>.</summary>
    public bool HasTrigger(string trigger) => Triggers.Any(t => string.Equals(t.Text, trigger, StringComparison.Ordinal));
}

/// <summary>One job of a workflow.</summary>
public sealed class ActionsJob
{
    internal ActionsJob(string id, int line, IReadOnlyList<ActionsValue> runsOn, JsonNode? permissions, int permissionsLine,
        ActionsValue? uses, ActionsValue? secretsInherit, IReadOnlyList<ActionsStep> steps, IReadOnlyList<ActionsValue> env, string? condition = null)
    {
        Id = id;
        Condition = condition;
        Line = line;
        RunsOn = runsOn;
        Permissions = permissions;
        PermissionsLine = permissionsLine;
        Uses = uses;
        SecretsInherit = secretsInherit;
        Steps = steps;
        Env = env;
    }

    /// <summary>The job's <c>if:</c> condition as written, or null.</summary>
    public string? Condition { get; }

    /// <summary>The job id (the key under <c>jobs:</c>).</summary>
    public string Id { get; }

    /// <summary>The line of the job id.</summary>
    public int Line { get; }

    /// <summary>The runner labels of <c>runs-on</c> (a string, a list, or a map's <c>group</c> and <c>labels</c>).</summary>
    public IReadOnlyList<ActionsValue> RunsOn { get; }

    /// <summary>The job's own <c>permissions</c> value, or null.</summary>
    public JsonNode? Permissions { get; }

    /// <summary>The line of the job's <c>permissions</c> key, or 0 when absent.</summary>
    public int PermissionsLine { get; }

    /// <summary>Whether the job sets its own permissions.</summary>
    public bool HasPermissions => PermissionsLine > 0;

    /// <summary>The reusable workflow the job calls (<c>jobs.x.uses</c>), or null.</summary>
    public ActionsValue? Uses { get; }

    /// <summary>The <c>secrets: inherit</c> value when the job passes every secret to a reusable workflow, else null.</summary>
    public ActionsValue? SecretsInherit { get; }

    /// <summary>The steps in order.</summary>
    public IReadOnlyList<ActionsStep> Steps { get; }

    /// <summary>Job-level <c>env</c> entries as <c>NAME=value</c>.</summary>
    public IReadOnlyList<ActionsValue> Env { get; }
}

/// <summary>One step of a job or composite action.</summary>
public sealed class ActionsStep
{
    internal ActionsStep(int index, int line, string? name, ActionsValue? uses, ActionsRun? run, IReadOnlyDictionary<string, ActionsValue> with,
        IReadOnlyList<ActionsValue> env)
    {
        Index = index;
        Line = line;
        Name = name;
        Uses = uses;
        Run = run;
        With = with;
        Env = env;
    }

    /// <summary>0-based position in the job.</summary>
    public int Index { get; }

    /// <summary>The line where the step starts.</summary>
    public int Line { get; }

    /// <summary>The step's <c>name</c>, or null.</summary>
    public string? Name { get; }

    /// <summary>The action the step uses (<c>owner/repo@ref</c>, <c>./path</c>, <c>docker://image</c>), or null.</summary>
    public ActionsValue? Uses { get; }

    /// <summary>The step's shell script, or null.</summary>
    public ActionsRun? Run { get; }

    /// <summary>The <c>with:</c> inputs by name (case as written).</summary>
    public IReadOnlyDictionary<string, ActionsValue> With { get; }

    /// <summary>Step-level <c>env</c> entries as <c>NAME=value</c>.</summary>
    public IReadOnlyList<ActionsValue> Env { get; }

    /// <summary>The action name of <see cref="Uses"/> without its ref, lower-case (<c>actions/checkout</c>), or null.</summary>
    public string? ActionName => Uses is { } u ? ActionReference.Parse(u.Text).Name : null;

    /// <summary>A <c>with:</c> input, case-insensitively, or null.</summary>
    public ActionsValue? Input(string name) =>
        With.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)) is { Key: not null } p ? p.Value : null;
}

/// <summary>
/// A <c>run:</c> script and where its text lines are in the file: for a block scalar (<c>run: |</c>) the text starts on the
/// line after the key; a folded or plain multi-line scalar is mapped the same way, which is close but not exact.
/// </summary>
public sealed class ActionsRun
{
    private readonly Lazy<LineIndex> _lines;

    /// <summary>Creates a script whose first line is at <paramref name="firstLine"/> of the file.</summary>
    public ActionsRun(string text, int firstLine)
    {
        Text = text;
        FirstLine = firstLine;
        _lines = new Lazy<LineIndex>(() => new LineIndex(text), LazyThreadSafetyMode.None);
    }

    /// <summary>The script.</summary>
    public string Text { get; }

    /// <summary>The file line of the script's first line.</summary>
    public int FirstLine { get; }

    /// <summary>The file line of an offset into <see cref="Text"/>.</summary>
    public int LineOf(int offset) => FirstLine + _lines.Value.LineOf(Math.Clamp(offset, 0, Text.Length)) - 1;
}
