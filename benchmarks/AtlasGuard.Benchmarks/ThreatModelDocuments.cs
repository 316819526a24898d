using System.Globalization;
using System.Text;

namespace AtlasGuard.Benchmarks;

/// <summary>
/// Generates a large, valid pipeline model: <c>components</c> components cycling through eight component types
/// with typed props, a flow from each to the next, a control per ten components, and <c>profiles</c> attacker
/// profiles (inline ones and references to the built-ins).
/// </summary>
public static class ThreatModelDocuments
{
    private static readonly string[] Parts =
    [
        "type: data_source\n    zone: corp\n    props: { provenance: third_party, writable_by: [partners], signed: false, ingestion: batch }",
        "type: feature_store\n    zone: prod\n    props: { product: feast, auth: service_identity, online_store_exposure: internal }",
        "type: training_compute\n    zone: prod\n    props: { platform: ray, auth: none, dashboard_exposure: internal, pulls_public_models: true, pinning: none }",
        "type: experiment_tracking\n    zone: corp\n    props: { product: mlflow, auth: sso, stores_artifacts: true, artifact_formats: [pickle] }",
        "type: model_registry\n    zone: prod\n    props: { signing: none, scan_on_upload: false, immutable_versions: false, formats: [pickle, safetensors] }",
        "type: inference_endpoint\n    zone: prod\n    exposure: partner\n    serves: model-{m}\n    props:\n      auth: api_key\n      output: { type: scores, precision: 4 }\n      query_limits: { per_principal_per_minute: 600 }",
        "type: llm_endpoint\n    zone: dmz\n    exposure: internet\n    serves: model-{m}\n    props: { api: openai_chat, auth: oauth, streaming: true, system_prompt: templated, input_filtering: classifier }",
        "type: monitoring\n    zone: prod\n    props: { logs_inputs: true, logs_outputs: true, drift_detection: true, per_principal_query_analytics: false }",
    ];

    /// <summary>The YAML text of a model with the given numbers of components and attacker profiles.</summary>
    public static string Pipeline(int components, int profiles)
    {
        var text = new StringBuilder(components * 220);
        text.Append("""
            apiVersion: atlasguard.dev/threat-model/v1
            kind: PipelineModel
            metadata: { name: generated, owner: benchmarks, business_criticality: critical, atlas_version: "5.6.0" }
            trust_zones:
              - { id: dmz, trust: untrusted }
              - { id: corp, trust: internal }
              - { id: prod, trust: restricted }
            data_assets:
              - { id: data-0, classification: confidential, contains_pii: true, integrity: critical }
            model_assets:

            """);
        var models = Math.Max(1, components / 10);
        for (var m = 0; m < models; m++)
        {
            text.Append(Inv($"  - {{ id: model-{m}, kind: predictive, decision_use: security, ip_value: high, weights_exposure: private, trained_on: [data-0] }}\n"));
        }

        text.Append("components:\n");
        for (var i = 0; i < components; i++)
        {
            var part = Parts[i % Parts.Length].Replace("{m}", (i / 10 % models).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            text.Append(Inv($"  - id: c-{i}\n    {part}\n"));
        }

        text.Append("flows:\n");
        for (var i = 1; i < components; i++)
        {
            text.Append(Inv($"  - {{ from: c-{i - 1}, to: c-{i}, data: [data-0], auth: mtls }}\n"));
        }

        text.Append("controls:\n");
        for (var i = 0; i < components; i += 10)
        {
            text.Append(Inv($"  - {{ id: ctl-{i}, implements: [AML.M0004, AML.M0019], applies_to: [c-{i}, c-{i + 5}], status: implemented }}\n"));
        }

        text.Append("attacker_profiles:\n");
        string[] builtIns = ["external-api-user", "insider-data-scientist", "compromised-supplier", "grey-box-partner", "internet-scanner"];
        for (var p = 0; p < profiles; p++)
        {
            text.Append(p < builtIns.Length
                ? Inv($"  - use: {builtIns[p]}\n    via: [c-5]\n")
                : Inv($$"""
                      - id: profile-{{p}}
                        goals: [confidentiality, integrity]
                        knowledge: grey_box
                        knows: [task, model_family]
                        access: { model: [{ type: inference_api, via: [c-{{p % components}}] }], network: internet, insider: none }
                        capabilities: { training_data_control: none, model_control: none, testing_data_control: full, query_budget: 1000, identities: {{p}} }
                        skill: expert

                    """));
        }

        return text.ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
