namespace AtlasGuard.Detectors.Dependencies;

/// <summary>What an index URL says about itself: its host, whether it is PyPI or a vendor's official index, and whether it embeds credentials.</summary>
internal readonly record struct IndexUrl(string Raw, string Host, bool IsVariable, bool HasLiteralCredentials)
{
    private static readonly string[] PyPiHosts = ["pypi.org", "pypi.python.org", "files.pythonhosted.org", "test.pypi.org"];

    private static readonly string[] VendorHosts = ["download.pytorch.org", "pypi.nvidia.com", "pypi.ngc.nvidia.com", "developer.download.nvidia.com"];

    /// <summary>Whether the URL is PyPI itself.</summary>
    public bool IsPyPi => PyPiHosts.Contains(Host, StringComparer.Ordinal);

    /// <summary>Whether the URL is the PyTorch or NVIDIA package index (the torchtriton case: official, and still a second index).</summary>
    public bool IsVendorIndex => VendorHosts.Contains(Host, StringComparer.Ordinal);

    /// <summary>The host to show in messages ("a variable" when the URL is not literal).</summary>
    public string Display => Host.Length == 0 ? "a URL from a variable" : Host;

    /// <summary>Reads a URL value as written (quotes already removed).</summary>
    public static IndexUrl Parse(string raw)
    {
        var value = raw.Trim();
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        var variable = value.Contains('$', StringComparison.Ordinal) || value.Contains("{{", StringComparison.Ordinal) || value.Contains('%', StringComparison.Ordinal);
        if (scheme < 0)
        {
            return new IndexUrl(value, string.Empty, variable, false);
        }

        var authorityStart = scheme + 3;
        var authorityEnd = value.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = authorityEnd < 0 ? value[authorityStart..] : value[authorityStart..authorityEnd];
        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? string.Empty : authority[..at];
        var hostPort = at < 0 ? authority : authority[(at + 1)..];
        var colon = hostPort.LastIndexOf(':');
        var host = (colon > 0 && !hostPort.EndsWith(']') ? hostPort[..colon] : hostPort).ToLowerInvariant();
        var literalCredentials = userInfo.Length > 0 && !IsPlaceholder(userInfo);
        return new IndexUrl(value, host, variable && host.Length == 0, literalCredentials);
    }

    /// <summary>Whether user info is a variable or a placeholder rather than a real credential.</summary>
    private static bool IsPlaceholder(string userInfo) =>
        userInfo.Contains('$', StringComparison.Ordinal) || userInfo.Contains("{{", StringComparison.Ordinal) || userInfo.Contains('%', StringComparison.Ordinal)
        || userInfo.Contains('<', StringComparison.Ordinal) || userInfo is "user:password" or "username:password" or "user:pass" or "USER:PASSWORD";
}
