using System.Text;
using System.Text.Json.Nodes;
using AtlasGuard.Formats.Yaml;

namespace AtlasGuard.Formats.Tests.Yaml;

public class YamlTreeReaderTests
{
    [Fact]
    public void Merge_keys_are_expanded_when_asked_and_own_keys_win()
    {
        const string text = "base: &b\n  image: ray\n  ports: ['8265:8265']\nhead:\n  <<: *b\n  image: mine\n";

        var doc = YamlTreeReader.Read(text, new YamlReadOptions { ExpandMergeKeys = true });

        Assert.Empty(doc.Problems);
        Assert.Equal("mine", (string?)doc.Root!["head"]!["image"]);
        Assert.Equal("8265:8265", (string?)doc.Root!["head"]!["ports"]![0]);
        Assert.Equal(5, doc.Map.KeyAt("/head/ports").Line);
    }

    [Theory]
    [InlineData("when: a and b\n", 7)]
    [InlineData("when: \"a and b\"\n", 8)]
    [InlineData("when: 'a and b'\n", 8)]
    public void The_text_of_a_quoted_scalar_starts_past_its_quote(string text, int column)
    {
        var doc = YamlTreeReader.Read(text);

        Assert.Equal(7, doc.Map.ValueAt("/when").Column);
        Assert.Equal(column, doc.Map.ContentAt("/when").Column);
        Assert.Equal(1, doc.Map.ContentAt("/when").Line);
    }

    [Fact]
    public void The_items_of_a_sequence_become_documents_located_in_the_whole_file()
    {
        const string text = "first: 1\n---\nkind: List\nitems:\n- kind: Service\n  spec:\n    type: 'NodePort'\n- kind: Pod\n  spec: {}\n- null\n";

        var list = YamlTreeReader.ReadAll(text).Last();
        var items = list.ItemsOf("items").ToList();

        Assert.Equal(2, items.Count);
        Assert.Equal("Service", (string?)items[0].Root!["kind"]);
        Assert.Equal(7, items[0].Line("/spec/type"));
        Assert.Equal(12, items[0].Map.ContentAt("/spec/type").Column);
        Assert.Equal(8, items[1].Line(""));
        Assert.Empty(list.ItemsOf("missing"));
    }

    [Fact]
    public void Merge_keys_are_reported_and_skipped_by_default()
    {
        var doc = YamlTreeReader.Read("a: &a {x: 1}\nb:\n  <<: *a\n");

        var problem = Assert.Single(doc.Problems);
        Assert.Equal(YamlProblemKind.Unsupported, problem.Kind);
        Assert.False(problem.Fatal);
        Assert.False(doc.Root!["b"]!.AsObject().ContainsKey("x"));
    }

    [Fact]
    public void Merge_keys_cannot_grow_past_the_node_limit()
    {
        var text = new StringBuilder("a0: &a0 {k: v}\n");
        for (var i = 1; i < 30; i++)
        {
            text.Append($"a{i}: &a{i}\n  x: *a{i - 1}\n  <<: *a{i - 1}\n  y: *a{i - 1}\n");
        }

        var doc = YamlTreeReader.Read(text.ToString(), new YamlReadOptions { ExpandMergeKeys = true, MaxNodes = 10_000 });

        Assert.True(doc.Failed);
        Assert.Contains(doc.Problems, p => p.Kind == YamlProblemKind.TooManyNodes);
        Assert.Null(doc.Root);
    }

    [Fact]
    public void A_stream_gives_every_document_with_file_line_offsets()
    {
        const string text = "# header\n---\nkind: Service\nmetadata: {name: a}\n---\n\n---\nkind: Deployment\n";

        var docs = YamlTreeReader.ReadAll(text);

        Assert.Equal(2, docs.Count);
        Assert.Equal("Service", (string?)docs[0].Root!["kind"]);
        Assert.Equal(3, docs[0].Line("/kind"));
        Assert.Equal("Deployment", (string?)docs[1].Root!["kind"]);
        Assert.Equal(8, docs[1].Line("/kind"));
    }

    [Fact]
    public void A_broken_document_does_not_hide_the_next_one()
    {
        var docs = YamlTreeReader.ReadAll("a: [1, 2\n---\nb: 2\n");

        Assert.Equal(2, docs.Count);
        Assert.True(docs[0].Failed);
        Assert.Equal(YamlProblemKind.Syntax, docs[0].Problems[0].Kind);
        Assert.Equal(2L, (long?)docs[1].Root!["b"]);
    }

    [Fact]
    public void Documents_past_the_limit_end_in_one_failed_entry()
    {
        var text = string.Concat(Enumerable.Repeat("a: 1\n---\n", 50));

        var docs = YamlTreeReader.ReadAll(text, new YamlReadOptions { MaxDocuments = 10 });

        Assert.Equal(11, docs.Count);
        Assert.Equal(YamlProblemKind.TooManyDocuments, docs[^1].Problems.Single().Kind);
    }

    [Fact]
    public void Deep_nesting_stops_at_the_depth_limit()
    {
        var text = new string('[', 5_000) + new string(']', 5_000);

        var doc = YamlTreeReader.Read(text);

        Assert.True(doc.Failed);
        Assert.Equal(YamlProblemKind.TooDeep, doc.Problems.Single().Kind);
    }

    [Fact]
    public void Tags_never_construct_anything_and_values_stay_data()
    {
        var doc = YamlTreeReader.Read("cmd: !!python/object/apply:os.system ['id']\n");

        Assert.False(doc.Failed);
        Assert.IsType<JsonArray>(doc.Root!["cmd"]);
    }
}
