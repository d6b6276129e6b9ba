using Dashboard.Components.Settings;

namespace Dashboard.Tests.Web;

/// <summary>The resource dialog's Save, when off, names what keeps it off (issue 16, item 3).</summary>
public sealed class ResourceSaveBlockedTests
{
    [Fact]
    public void SaveBlockedBy_NamesTheFieldsByTheirLabels_Once() =>
        Assert.Equal("Save is off until Name, Usage query and Critical are fixed.", ResourceDialog.SaveBlockedBy(
        [
            new("name", "name is required."), new("usageQuery", "usageQuery is required."),
            new("critical", "critical (80) must be above warning (90) when above is bad."), new("name", "name is too long."),
        ]));

    [Fact]
    public void SaveBlockedBy_OneField_SaysIs() =>
        Assert.Equal("Save is off until Warning is fixed.", ResourceDialog.SaveBlockedBy([new("warning", "warning must be between 0 and 100.")]));

    [Fact]
    public void SaveBlockedBy_AProblemNoFieldShows_IsSaidInFull() =>
        Assert.Equal("Save is off until Id is fixed. unit must be one of '%', 'ms', but was 'furlongs'.", ResourceDialog.SaveBlockedBy(
            [new("id", "id is required."), new("unit", "unit must be one of '%', 'ms', but was 'furlongs'.")]));
}
