using System.Globalization;
using System.Text.Json.Nodes;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Formats.Compose;

/// <summary>Where a published container port is reachable on the host.</summary>
public enum HostBinding
{
    /// <summary>All host interfaces (no address, 0.0.0.0 or ::).</summary>
    All,

    /// <summary>The loopback interface only.</summary>
    Loopback,

    /// <summary>One named host address.</summary>
    Specific,

    /// <summary>An interpolated variable: unknown until run time.</summary>
    Variable,
}

/// <summary>A compose <c>ports:</c> entry: the container port range and the host interface it is published on.</summary>
/// <param name="TargetFrom">First container port.</param>
/// <param name="TargetTo">Last container port (the same as <paramref name="TargetFrom"/> for one port).</param>
/// <param name="Binding">Which host interfaces it is published on.</param>
/// <param name="HostAddress">The host address written, or empty.</param>
/// <param name="Written">The entry as written, for messages.</param>
public sealed record PublishedPort(int TargetFrom, int TargetTo, HostBinding Binding, string HostAddress, string Written)
{
    /// <summary>Whether the container port range holds <paramref name="port"/>.</summary>
    public bool Covers(int port) => port >= TargetFrom && port <= TargetTo;

    /// <summary>Parses the short syntax (<c>8265</c>, <c>8265:8265</c>, <c>127.0.0.1:8265:8265/tcp</c>, <c>[::1]:80:80</c>).</summary>
    public static PublishedPort? ParseShort(string written)
    {
        var text = written.Trim().Trim('"', '\'');
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            text = text[..slash];
        }

        string host = string.Empty;
        if (text.StartsWith("${", StringComparison.Ordinal) && text.IndexOf("}:", StringComparison.Ordinal) is > 0 and var end)
        {
            // An interpolated host address may itself hold colons: ${BIND:-127.0.0.1}:5000:5000.
            var rest = text[(end + 2)..].Split(':');
            return rest.Length == 2 ? Create(rest[1], text[..(end + 1)], written, rest[0]) : null;
        }

        if (text.StartsWith('['))
        {
            var close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                return null;
            }

            host = text[1..close];
            text = text[(close + 2)..];
            var rest = text.Split(':');
            return rest.Length == 2 ? Create(rest[1], host, written) : null;
        }

        var parts = text.Split(':');
        return parts.Length switch
        {
            1 => Create(parts[0], string.Empty, written),
            2 => Create(parts[1], string.Empty, written, parts[0]),
            3 => Create(parts[2], parts[0], written, parts[1]),
            _ => null,
        };
    }

    /// <summary>A <c>ports:</c> list item in either syntax (a scalar, or a mapping with <c>target</c>, <c>published</c>, <c>host_ip</c>); null when it is neither.</summary>
    public static PublishedPort? FromNode(JsonNode? node)
    {
        if (node is JsonObject longForm)
        {
            var host = YamlNodes.Text(longForm, "host_ip");
            var published = YamlNodes.Text(longForm, "published");
            var written = (host is null ? string.Empty : host + ":") + (published is null ? string.Empty : published + ":") + YamlNodes.Text(longForm, "target");
            return Create(YamlNodes.Text(longForm, "target"), host, written, published);
        }

        return YamlNodes.Text(node) is { } text ? ParseShort(text) : null;
    }

    /// <summary>The long syntax: <c>target</c>, <c>published</c>, <c>host_ip</c>.</summary>
    public static PublishedPort? Create(string? target, string? hostIp, string written, string? published = null)
    {
        if (target is null || !TryRange(target, out var from, out var to))
        {
            return null;
        }

        var host = (hostIp ?? string.Empty).Trim();
        var binding = host switch
        {
            "" or "0.0.0.0" or "::" or "*" => HostBinding.All,
            "127.0.0.1" or "::1" or "localhost" => HostBinding.Loopback,
            _ when host.Contains('$', StringComparison.Ordinal) => HostBinding.Variable,
            _ when host.StartsWith("127.", StringComparison.Ordinal) => HostBinding.Loopback,
            _ => HostBinding.Specific,
        };
        if (binding == HostBinding.All && (published?.Contains('$', StringComparison.Ordinal) ?? false) && published.Contains(':', StringComparison.Ordinal))
        {
            binding = HostBinding.Variable;
        }

        return new PublishedPort(from, to, binding, host, written.Trim());
    }

    private static bool TryRange(string text, out int from, out int to)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var first = dash < 0 ? text : text[..dash];
        var last = dash < 0 ? text : text[(dash + 1)..];
        var ok = int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out from);
        ok &= int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out to);
        return ok && from is > 0 and <= 65535 && to >= from && to <= 65535;
    }
}
