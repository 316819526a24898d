using System.Collections.Immutable;
using System.Globalization;
using AtlasGuard.Core.Configuration;
using AtlasGuard.Core.Findings;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AtlasGuard.Cli.Configuration;

/// <summary>
/// Reads <c>atlasguard.yaml</c>. Problems are collected with their line numbers rather than stopping at the
/// first, and an unknown key is an error (a typo must not silently disable a suppression's expiry).
/// </summary>
internal static class ConfigFileReader
{
    private const long MaxConfigBytes = 1 << 20;

    public static (AtlasGuardConfig? Config, IReadOnlyList<string> Errors) Read(string path)
    {
        var errors = new List<string>();
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return (null, [$"{path}: configuration file not found."]);
        }

        if (info.Length > MaxConfigBytes)
        {
            return (null, [$"{path}: configuration file is larger than 1 MiB."]);
        }

        YamlStream yaml = [];
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlException ex)
        {
            return (null, [$"{path}:{ex.Start.Line}: {ex.Message}"]);
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return (AtlasGuardConfig.Empty with { Source = path }, errors);
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return (null, [$"{path}:{yaml.Documents[0].RootNode.Start.Line}: the configuration must be a mapping of keys."]);
        }

        var config = AtlasGuardConfig.Empty with { Source = path };
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            switch (key)
            {
                case "exclude":
                    config = config with { Excludes = Strings(value, path, "exclude", errors) };
                    break;
                case "severity":
                    config = config with { SeverityOverrides = Severities(value, path, errors) };
                    break;
                case "suppress":
                    config = config with { Suppressions = Suppressions(value, path, errors) };
                    break;
                case "models":
                    config = config with { AllowedPickleGlobals = Models(value, path, errors) };
                    break;
                default:
                    errors.Add($"{path}:{keyNode.Start.Line}: unknown key '{key}'. Known keys: exclude, severity, suppress, models.");
                    break;
            }
        }

        return (errors.Count == 0 ? config : null, errors);
    }

    private static ImmutableArray<string> Strings(YamlNode node, string path, string what, List<string> errors)
    {
        if (node is not YamlSequenceNode seq)
        {
            errors.Add($"{path}:{node.Start.Line}: '{what}' must be a list of strings.");
            return [];
        }

        var list = ImmutableArray.CreateBuilder<string>();
        foreach (var item in seq)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } v })
            {
                list.Add(v);
            }
            else
            {
                errors.Add($"{path}:{item.Start.Line}: '{what}' entries must be non-empty strings.");
            }
        }

        return list.ToImmutable();
    }

    private static ImmutableDictionary<string, Severity> Severities(YamlNode node, string path, List<string> errors)
    {
        var result = ImmutableDictionary.CreateBuilder<string, Severity>(StringComparer.Ordinal);
        if (node is not YamlMappingNode map)
        {
            errors.Add($"{path}:{node.Start.Line}: 'severity' must map rule ids to severities, e.g. 'AG-MDL-003: low'.");
            return result.ToImmutable();
        }

        foreach (var (k, v) in map.Children)
        {
            var id = (k as YamlScalarNode)?.Value ?? string.Empty;
            if (!SeverityNames.TryParse((v as YamlScalarNode)?.Value, out var severity))
            {
                errors.Add($"{path}:{v.Start.Line}: '{(v as YamlScalarNode)?.Value}' is not a severity (critical, high, medium, low, info).");
                continue;
            }

            result[id] = severity;
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<Suppression> Suppressions(YamlNode node, string path, List<string> errors)
    {
        var list = ImmutableArray.CreateBuilder<Suppression>();
        if (node is not YamlSequenceNode seq)
        {
            errors.Add($"{path}:{node.Start.Line}: 'suppress' must be a list.");
            return list.ToImmutable();
        }

        foreach (var item in seq)
        {
            if (item is not YamlMappingNode map)
            {
                errors.Add($"{path}:{item.Start.Line}: each suppression is a mapping with 'reason' and at least one of rule, path, fingerprint.");
                continue;
            }

            string? rule = null, file = null, fingerprint = null, reason = null;
            DateOnly? expires = null;
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value;
                var text = (v as YamlScalarNode)?.Value;
                switch (key)
                {
                    case "rule": rule = text; break;
                    case "path": file = text; break;
                    case "fingerprint": fingerprint = text; break;
                    case "reason": reason = text; break;
                    case "expires":
                        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                        {
                            expires = d;
                        }
                        else
                        {
                            errors.Add($"{path}:{v.Start.Line}: 'expires' must be a date like 2027-01-31.");
                        }

                        break;
                    default:
                        errors.Add($"{path}:{k.Start.Line}: unknown suppression key '{key}'. Known: rule, path, fingerprint, reason, expires.");
                        break;
                }
            }

            if (string.IsNullOrWhiteSpace(reason))
            {
                errors.Add($"{path}:{map.Start.Line}: a suppression needs a 'reason'.");
                continue;
            }

            if (rule is null && file is null && fingerprint is null)
            {
                errors.Add($"{path}:{map.Start.Line}: a suppression needs at least one of 'rule', 'path' or 'fingerprint'.");
                continue;
            }

            list.Add(new Suppression { RuleId = rule, Path = file, Fingerprint = fingerprint, Reason = reason, Expires = expires });
        }

        return list.ToImmutable();
    }

    private static ImmutableArray<string> Models(YamlNode node, string path, List<string> errors)
    {
        if (node is not YamlMappingNode map)
        {
            errors.Add($"{path}:{node.Start.Line}: 'models' must be a mapping (allowGlobals).");
            return [];
        }

        var result = ImmutableArray<string>.Empty;
        foreach (var (k, v) in map.Children)
        {
            if ((k as YamlScalarNode)?.Value == "allowGlobals")
            {
                result = Strings(v, path, "models.allowGlobals", errors);
            }
            else
            {
                errors.Add($"{path}:{k.Start.Line}: unknown key 'models.{(k as YamlScalarNode)?.Value}'. Known: allowGlobals.");
            }
        }

        return result;
    }
}
