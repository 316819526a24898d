namespace AtlasGuard.Detectors.Tests.Services;

public sealed class KubernetesServiceTests
{
    private const string Mlflow = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: mlflow, namespace: ml}
        spec:
          selector: {matchLabels: {app: mlflow}}
          template:
            metadata: {labels: {app: mlflow}}
            spec:
              containers:
                - name: mlflow
                  image: ghcr.io/mlflow/mlflow:v2.9.2
                  args: ["mlflow", "server", "--host", "0.0.0.0"]
                  ports: [{containerPort: 5000, name: http}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: mlflow, namespace: ml}
        spec:
          selector: {app: mlflow}
          ports: [{port: 80, targetPort: http}]

        """;

    [Fact]
    public async Task A_ClusterIP_service_keeps_the_workload_internal()
    {
        var findings = await ServiceScan.Files(("deploy/mlflow.yaml", Mlflow));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task An_ingress_to_the_service_exposes_it()
    {
        var findings = await ServiceScan.Files(("deploy/mlflow.yaml", Mlflow + """
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: tracking, namespace: ml}
            spec:
              rules:
                - host: mlflow.example.com
                  http:
                    paths:
                      - path: /
                        pathType: Prefix
                        backend: {service: {name: mlflow, port: {number: 80}}}
            """));

        var finding = Assert.Single(findings, f => f.RuleId == "AG-SVC-003");
        Assert.Contains("Ingress 'tracking'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ingress_with_an_auth_annotation_is_informational()
    {
        var findings = await ServiceScan.Files(("deploy/mlflow.yaml", Mlflow + """
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: tracking
              namespace: ml
              annotations:
                nginx.ingress.kubernetes.io/auth-url: https://oauth2.example.com/oauth2/auth
            spec:
              defaultBackend: {service: {name: mlflow, port: {number: 80}}}
            """));

        Assert.DoesNotContain(findings, f => f.RuleId == "AG-SVC-003");
        Assert.Contains(findings, f => f.RuleId == "AG-SVC-026");
    }

    [Theory]
    [InlineData("type: LoadBalancer", true)]
    [InlineData("type: NodePort", true)]
    [InlineData("externalIPs: [203.0.113.10]", true)]
    [InlineData("type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/8]", false)]
    [InlineData("type: LoadBalancer\n  loadBalancerSourceRanges: [0.0.0.0/0]", true)]
    public async Task Outside_service_types_expose_the_selected_pods(string spec, bool exposed)
    {
        var manifest = Mlflow.Replace("  selector: {app: mlflow}\n  ports", $"  {spec}\n  selector: {{app: mlflow}}\n  ports", StringComparison.Ordinal);

        var findings = await ServiceScan.Files(("mlflow.yml", manifest));

        Assert.Equal(exposed, findings.Any(f => f.RuleId == "AG-SVC-003"));
    }

    [Fact]
    public async Task Host_network_pods_expose_what_they_bind_to_all_interfaces()
    {
        var findings = await ServiceScan.Files(("pod.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: lab}
            spec:
              hostNetwork: true
              containers:
                - name: lab
                  image: quay.io/jupyter/minimal-notebook:latest
                  command: ["jupyter", "lab", "--ip=0.0.0.0", "--IdentityProvider.token="]
            """));

        Assert.Contains(findings, f => f.RuleId == "AG-SVC-010" && f.Severity == Core.Findings.Severity.Critical);
    }

    [Fact]
    public async Task A_kuberay_head_service_behind_an_ingress_is_exposed()
    {
        var findings = await ServiceScan.Files(("ray.yaml", """
            apiVersion: ray.io/v1
            kind: RayService
            metadata: {name: serve, namespace: ml}
            spec:
              rayClusterConfig:
                headGroupSpec:
                  rayStartParams: {}
                  template:
                    spec:
                      containers: [{name: head, image: rayproject/ray:2.9.0}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: dash, namespace: ml}
            spec:
              rules:
                - http:
                    paths:
                      - path: /
                        pathType: Prefix
                        backend: {service: {name: serve-head-svc, port: {number: 8265}}}
            """));

        Assert.Contains(findings, f => f.RuleId == "AG-SVC-001");
    }

    [Fact]
    public async Task Helm_values_of_a_known_chart_expose_through_service_type_and_ingress()
    {
        var findings = await ServiceScan.Files(
            ("charts/mlflow/values.yaml", "image:\n  repository: bitnami/mlflow\n  tag: 2.9.2\nservice:\n  type: LoadBalancer\n"),
            ("charts/other/values-prod.yaml", "image:\n  repository: bitnami/mlflow\ningress:\n  enabled: true\n  annotations:\n    nginx.ingress.kubernetes.io/auth-type: basic\n"),
            ("charts/internal/values.yaml", "image:\n  repository: bitnami/mlflow\nservice:\n  type: ClusterIP\n"));

        Assert.Equal(["charts/mlflow/values.yaml"], findings.Where(f => f.RuleId == "AG-SVC-003").Select(f => f.Location.Path));
        Assert.Contains(findings, f => f.RuleId == "AG-SVC-026" && f.Location.Path == "charts/other/values-prod.yaml");
    }
}
