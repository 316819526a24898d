namespace AtlasGuard.Detectors.Services;

/// <summary>What a launch says about authentication, from the catalog's settings of its product.</summary>
/// <param name="On">Whether authentication is on.</param>
/// <param name="Fact">The setting that decides it, for messages; null when only the default speaks.</param>
/// <param name="Line">Its line.</param>
internal sealed record AuthState(bool On, string? Fact, int Line)
{
    /// <summary>
    /// Reads the product's authentication settings: a setting that switches authentication off wins over one that
    /// switches it on (an empty Jupyter token beats nothing); with none, the product default decides (unknown = off).
    /// Authentication put in front by the deployment counts as on.
    /// </summary>
    public static AuthState Of(ServiceLaunch launch)
    {
        AuthState? on = null;
        foreach (var setting in launch.Service.AuthSettings)
        {
            var seen = launch.ValueOf(setting);
            if (seen is null || !setting.Matches(seen))
            {
                continue;
            }

            var shown = setting.Value is null && setting.Auth != "none" ? "(set)" : seen.Length == 0 || seen is "''" or "\"\"" ? "''" : seen;
            var state = new AuthState(setting.Auth != "none", $"{setting.Name}={shown}", launch.LineOf(setting));
            if (!state.On)
            {
                return state;
            }

            on ??= state;
        }

        if (on is not null)
        {
            return on;
        }

        if (launch.FrontAuth is { } front)
        {
            return new AuthState(true, front, launch.Line);
        }

        return new AuthState(launch.Service.DefaultAuth is { } auth && auth != "none", null, launch.Line);
    }
}
