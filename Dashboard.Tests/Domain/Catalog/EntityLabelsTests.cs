using Dashboard.Domain.Catalog;

namespace Dashboard.Tests.Domain.Catalog;

public sealed class EntityLabelsTests
{
    private static readonly Dictionary<string, string> Pod = new() { ["namespace"] = "shop", ["pod"] = "web-0", ["job"] = "kubelet" };

    [Fact]
    public void ValueOf_SeveralLabels_JoinsTheirValuesInOrder() =>
        Assert.Equal("shop/web-0", EntityLabels.ValueOf(Pod, "namespace, pod"));

    [Fact]
    public void ValueOf_OneLabel_ItsValue() => Assert.Equal("web-0", EntityLabels.ValueOf(Pod, "pod"));

    [Fact]
    public void ValueOf_ALabelMissing_Null() => Assert.Null(EntityLabels.ValueOf(Pod, "namespace, container"));

    [Fact]
    public void Names_TrimsAroundCommas() => Assert.Equal(["namespace", "pod"], EntityLabels.Names(" namespace ,pod"));
}
