using System.Collections.Immutable;
using System.Text.Json;

namespace AtlasGuard.Core.Services;

/// <summary>Reads <c>mlops-services.json</c> with <see cref="JsonDocument"/> (no reflection, trimming-safe).</summary>
internal static class MlopsServiceReader
{
    public static ImmutableArray<MlopsService> Read(Stream json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("services", out var services) || services.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException("The services catalog has no 'services' array.");
        }

        var result = ImmutableArray.CreateBuilder<MlopsService>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in services.EnumerateArray())
        {
            var service = ReadService(entry);
            if (!ids.Add(service.Id))
            {
                throw new InvalidOperationException($"The services catalog lists '{service.Id}' twice.");
            }

            result.Add(service);
        }

        return result.ToImmutable();
    }

    private static MlopsService ReadService(JsonElement e)
    {
        var id = Required(e, "id", "?");
        var ports = e.TryGetProperty("ports", out var p)
            ? p.EnumerateArray().Select(x => new ServicePort(x.GetProperty("port").GetInt32(), Required(x, "role", id))
            {
                Control = x.TryGetProperty("control", out var c) && c.ValueKind == JsonValueKind.True,
            }).ToImmutableArray()
            : [];
        var props = e.TryGetProperty("props", out var pr)
            ? pr.EnumerateObject().ToImmutableDictionary(x => x.Name, x => x.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
            : ImmutableDictionary<string, string>.Empty;
        return new MlopsService(
            id,
            Required(e, "name", id),
            Required(e, "componentType", id),
            Optional(e, "product"),
            Strings(e, "images"),
            Strings(e, "commands"),
            Strings(e, "kubernetesKinds"),
            ports,
            e.TryGetProperty("dashboardPort", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : null,
            Optional(e, "defaultAuth"),
            Settings(e, "authSettings", id, requireAuth: true),
            Settings(e, "listenSettings", id, requireAuth: false),
            props,
            Optional(e, "note"))
        {
            PortSettings = PortSettings(e, id),
            DefaultListen = Optional(e, "defaultListen"),
            ImageListen = Optional(e, "imageListen"),
        };
    }

    private static ImmutableArray<ServicePortSetting> PortSettings(JsonElement e, string id) =>
        e.TryGetProperty("portSettings", out var list)
            ? [.. list.EnumerateArray().Select(s => new ServicePortSetting(
                Required(s, "kind", id) == "env" ? ServiceSettingKind.Env : ServiceSettingKind.Flag, Required(s, "name", id), s.GetProperty("port").GetInt32()))]
            : [];

    private static ImmutableArray<ServiceSetting> Settings(JsonElement e, string name, string id, bool requireAuth)
    {
        if (!e.TryGetProperty(name, out var list))
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<ServiceSetting>();
        foreach (var s in list.EnumerateArray())
        {
            var kind = Required(s, "kind", id) switch
            {
                "flag" => ServiceSettingKind.Flag,
                "env" => ServiceSettingKind.Env,
                var other => throw new InvalidOperationException($"Service '{id}': unknown setting kind '{other}'."),
            };
            var auth = Optional(s, "auth");
            if (requireAuth && auth is null)
            {
                throw new InvalidOperationException($"Service '{id}': an authentication setting needs 'auth'.");
            }

            result.Add(new ServiceSetting(kind, Required(s, "name", id), Optional(s, "value"), auth));
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var list) ? [.. list.EnumerateArray().Select(x => x.GetString() ?? string.Empty)] : [];

    private static string? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Required(JsonElement e, string name, string id) =>
        Optional(e, name) ?? throw new InvalidOperationException($"Service '{id}': '{name}' is missing.");
}
