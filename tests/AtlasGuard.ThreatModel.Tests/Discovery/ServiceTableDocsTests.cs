using AtlasGuard.Core.Services;
using AtlasGuard.Testing;
using AtlasGuard.ThreatModel.Discovery.Draft;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Tests.Discovery;

public class ServiceTableDocsTests
{
    [Fact]
    public void The_docs_table_lists_every_catalog_service_with_its_type()
    {
        var docs = File.ReadAllText(RepoPaths.InRepo("docs", "threat-model.md"));
        var section = docs[docs.IndexOf("### Known MLOps services", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", StringComparison.Ordinal)];
        var rows = section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();

        var catalog = MlopsServiceCatalog.Default.Services;
        Assert.Equal(catalog.Select(s => s.Id), rows.Select(r => r.Split('`')[1]));
        foreach (var (service, row) in catalog.Zip(rows))
        {
            Assert.Contains($"| `{service.ComponentType}` |", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_catalog_service_maps_to_a_component_type_and_product_the_schema_knows()
    {
        foreach (var service in MlopsServiceCatalog.Default.Services)
        {
            Assert.True(WireNames.TryParse<ComponentType>(service.ComponentType, out _), service.Id);
            if (service.Product is { } product)
            {
                Assert.True(SchemaVocabulary.Allows(service.ComponentType, "product", product) || SchemaVocabulary.Allows(service.ComponentType, "platform", product),
                    $"{service.Id}: product '{product}' is not a value of {service.ComponentType}");
            }

            Assert.All(service.Props, p => Assert.True(SchemaVocabulary.Allows(service.ComponentType, p.Key, p.Value), $"{service.Id}: {p.Key}"));
        }
    }
}
