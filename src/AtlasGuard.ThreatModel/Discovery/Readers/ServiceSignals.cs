using AtlasGuard.Core.Services;
using AtlasGuard.ThreatModel.Discovery.Draft;

namespace AtlasGuard.ThreatModel.Discovery.Readers;

/// <summary>Turns a recognised service and its start-up settings into a drafted component.</summary>
internal static class ServiceSignals
{
    /// <summary>Adds a component for <paramref name="service"/>, with product, auth and listening facts.</summary>
    public static DraftComponent AddComponent(DraftDocument draft, string rawName, MlopsService service, ServiceConfig config, int line, string how)
    {
        var component = draft.AddComponent(rawName, service.ComponentType, $"{rawName} ({service.Name})");
        component.AddEvidence(config.Path, line, $"{service.Name} recognised by {how}");
        if (service.Product is { } product && SchemaVocabulary.HasProp(service.ComponentType, "product"))
        {
            component.Set("product", SchemaVocabulary.Allows(service.ComponentType, "product", product) ? product : "other");
        }
        else if (service.Product is { } platform && SchemaVocabulary.Allows(service.ComponentType, "platform", platform))
        {
            component.Set("platform", platform);
        }

        foreach (var (prop, value) in service.Props.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (SchemaVocabulary.Allows(service.ComponentType, prop, value))
            {
                component.Set(prop, value);
            }
        }

        ApplyAuth(component, service, config);
        if (ListenSetting(service, config) is { } listen)
        {
            component.AddEvidence(config.Path, listen.Line, listen.Fact);
        }

        if (service.Note is { } note)
        {
            component.Remarks.Add($"{service.Name}: {note}");
        }

        return component;
    }

    private static void ApplyAuth(DraftComponent component, MlopsService service, ServiceConfig config)
    {
        if (!SchemaVocabulary.HasProp(service.ComponentType, "auth"))
        {
            return;
        }

        (string Auth, int Line, string Fact)? on = null, off = null;
        foreach (var setting in service.AuthSettings)
        {
            var (seen, line, written) = Find(setting, config);
            if (written is null || !setting.Matches(seen))
            {
                continue;
            }

            var found = (setting.Auth!, line, $"{written} sets authentication to {setting.Auth}");
            if (setting.Auth == "none")
            {
                off ??= found;
            }
            else
            {
                on ??= found;
            }
        }

        if ((on ?? off) is { } decided)
        {
            component.Set("auth", decided.Auth, $"{decided.Fact} ({config.Path}:{decided.Line})");
            component.AddEvidence(config.Path, decided.Line, decided.Fact);
        }
        else if (service.DefaultAuth is { } auth)
        {
            component.Set("auth", auth, $"{service.Name} default; no setting that changes it was found");
            component.AddEvidence(config.Path, config.CommandLine, $"no authentication setting of {service.Name} found: its default is {auth}");
        }
    }

    private static (string? Seen, int Line, string? Written) Find(ServiceSetting setting, ServiceConfig config)
    {
        if (setting.Kind == ServiceSettingKind.Env)
        {
            return config.Env.TryGetValue(setting.Name, out var env)
                ? (env.Value ?? string.Empty, env.Line, $"{setting.Name}={Shown(setting, env.Value)}")
                : (null, 0, null);
        }

        var value = config.Flag(setting.Name);
        return value is null ? (null, 0, null) : (value, config.CommandLine, $"{setting.Name}={Shown(setting, value)}");
    }

    private static (int Line, string Fact)? ListenSetting(MlopsService service, ServiceConfig config)
    {
        foreach (var setting in service.ListenSettings)
        {
            var (value, line, _) = setting.Kind == ServiceSettingKind.Env
                ? config.Env.TryGetValue(setting.Name, out var env) ? (env.Value, env.Line, "") : (null, 0, "")
                : (config.Flag(setting.Name), config.CommandLine, "");
            var v = value?.Trim('"', '\'');
            if (v is "0.0.0.0" or "::" or "*" or "[::]" || (setting.Name == "--bind_all" && v == "true") || (v?.StartsWith("0.0.0.0:", StringComparison.Ordinal) ?? false))
            {
                return (line, $"{setting.Name} {value}: listens on all interfaces");
            }
        }

        return null;
    }

    // A setting that takes any value (an API key, a password) may hold a secret: show only that it is set.
    private static string Shown(ServiceSetting setting, string? value) =>
        string.IsNullOrEmpty(value?.Trim('"', '\'')) ? "''" : setting.Value is null ? "(set)" : value;
}
