using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Shell;

namespace AtlasGuard.Detectors.Services;

/// <summary>
/// systemd units (<c>*.service</c>) and their drop-ins (<c>*.service.d/*.conf</c>): <c>ExecStart=</c> is the
/// command, <c>Environment=</c> its variables. A drop-in without ExecStart (the usual way to set
/// <c>OLLAMA_HOST</c>) belongs to the program its unit is named after.
/// </summary>
internal sealed class SystemdServiceDetector : ServiceDetectorBase
{
    public override string Id => "services-systemd";

    protected override bool Applies(ScanTarget target) =>
        target.Name.EndsWith(".service", StringComparison.OrdinalIgnoreCase)
        || (target.Name.EndsWith(".conf", StringComparison.OrdinalIgnoreCase) && target.Location.Path.Contains(".service.d/", StringComparison.Ordinal));

    protected override void Scan(ScanTarget target, string text, ServiceReporter reporter, CancellationToken cancellationToken)
    {
        var env = new List<(string Name, string Value, int Line)>();
        (IReadOnlyList<string> Words, int Line)? exec = null;
        var lineNumber = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.StartsWith("Environment=", StringComparison.Ordinal))
            {
                foreach (var word in ShellLexer.Split(line["Environment=".Length..].ToString(), cancellationToken: cancellationToken).SelectMany(c => c.Words))
                {
                    var eq = word.IndexOf('=', StringComparison.Ordinal);
                    if (eq > 0)
                    {
                        env.Add((word[..eq], word[(eq + 1)..], lineNumber));
                    }
                }
            }
            else if (line.StartsWith("ExecStart=", StringComparison.Ordinal) && line.Length > "ExecStart=".Length)
            {
                var command = line["ExecStart=".Length..].TrimStart("-@:+!").ToString();
                exec = ([.. ShellLexer.Split(command, cancellationToken: cancellationToken).SelectMany(c => c.Words)], lineNumber);
            }
        }

        var found = exec is { } e ? LaunchCommands.FindProduct(e.Words, Catalog) : null;
        var service = found?.Service ?? UnitProduct(target.Location.Path);
        if (service is null)
        {
            return;
        }

        var launch = new ServiceLaunch
        {
            Service = service,
            Context = LaunchContext.Host,
            Where = $"systemd unit {target.Name}",
            Line = exec?.Line ?? env.FirstOrDefault().Line,
            Words = found?.Command.Words ?? [],
            CommandLine = exec?.Line ?? 0,
        };
        foreach (var (name, value, line) in env)
        {
            launch.Env[name] = (value, line);
        }

        ServiceChecks.Check(launch, reporter);
    }

    // ".../ollama.service.d/override.conf" and "ollama.service" belong to the program "ollama".
    private static MlopsService? UnitProduct(string path)
    {
        var unit = path.Split('/').LastOrDefault(s => s.Contains(".service", StringComparison.Ordinal)) ?? string.Empty;
        var program = unit[..unit.IndexOf(".service", StringComparison.Ordinal)];
        return program.Length == 0 ? null : Catalog.Services.FirstOrDefault(s => s.Commands.Any(c => c.Split(' ')[0] == program));
    }
}
