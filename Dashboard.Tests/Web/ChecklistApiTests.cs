using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Storage;
using Dashboard.Services.Checklist;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>
/// GET/PUT /api/v1/checklist on the real stack: who may read and tick, automatic items settled by
/// the stack's own signals (its streaming replica), manual ticks audited with who and when.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ChecklistApiTests(DashboardAppFactory app)
{
    private const string ManualItem = "log_aggregation";

    [Theory]
    [InlineData("owner")]
    [InlineData("engineer")]
    [InlineData("pm")]
    public async Task Get_ChecklistRoles_FourPhasesWithEveryItem(string role)
    {
        using var client = app.CreateRawClient(app.For(role).Token);

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/checklist");

        var phases = body.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], phases.Select(p => p.GetProperty("number").GetInt32()));
        Assert.Equal(ChecklistCatalog.Items.Count, phases.Sum(p => p.GetProperty("items").GetArrayLength()));
        Assert.All(phases, p => Assert.Equal(p.GetProperty("items").GetArrayLength(), p.GetProperty("total").GetInt32()));
        var ciCd = Item(body, "ci_cd");
        Assert.Equal("auto", ciCd.GetProperty("kind").GetString());
        Assert.Equal("NotMeasured", ciCd.GetProperty("state").GetString());
        Assert.StartsWith("not measured", ciCd.GetProperty("evidence").GetString());
    }

    [Fact]
    public async Task Get_DesignerOrAnonymous_Refused()
    {
        using var designer = app.CreateRawClient(app.For("designer").Token);
        using var anonymous = app.CreateRawClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await designer.GetAsync("/api/v1/checklist")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/checklist")).StatusCode);
    }

    [Fact]
    public async Task Get_StackHasStreamingReplica_ReplicaItemDoneWithStandbyEvidence()
    {
        using var client = app.CreateRawClient(app.For("engineer").Token);

        // The PostgreSQL statistics job runs every minute; the test stack's primary streams to its replica.
        var body = await Eventually.WaitForAsync(() => client.GetFromJsonAsync<JsonElement>("/api/v1/checklist"),
            b => Item(b, "read_replica").GetProperty("state").GetString() == "Done", TimeSpan.FromMinutes(3), "the read replica measured");

        var replica = Item(body, "read_replica");
        Assert.Equal("ReplicaPresent", replica.GetProperty("signal").GetString());
        Assert.Matches("streaming standby .+, lag ", replica.GetProperty("evidence").GetString());
    }

    [Fact]
    public async Task Put_TickThenUntick_StateWhoWhenAndAuditRowsPerChange()
    {
        var pm = app.For("pm");
        var engineer = app.For("engineer");
        using var pmClient = app.CreateRawClient(pm.Token);
        using var engineerClient = app.CreateRawClient(engineer.Token);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var ticked = await pmClient.PutAsJsonAsync($"/api/v1/checklist/items/{ManualItem}", new { done = true, note = "ELK since March" });
        var afterTick = await pmClient.GetFromJsonAsync<JsonElement>("/api/v1/checklist");
        var unticked = await engineerClient.PutAsJsonAsync($"/api/v1/checklist/items/{ManualItem}", new { done = false });
        var afterUntick = await pmClient.GetFromJsonAsync<JsonElement>("/api/v1/checklist");
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        Assert.Equal(HttpStatusCode.OK, ticked.StatusCode);
        var item = Item(afterTick, ManualItem);
        Assert.Equal("Done", item.GetProperty("state").GetString());
        Assert.Equal(pm.Email, item.GetProperty("updatedBy").GetString());
        Assert.InRange(item.GetProperty("updatedAt").GetDateTimeOffset(), before, after);
        Assert.Equal("ELK since March", item.GetProperty("note").GetString());

        Assert.Equal(HttpStatusCode.OK, unticked.StatusCode);
        item = Item(afterUntick, ManualItem);
        Assert.Equal("Open", item.GetProperty("state").GetString());
        Assert.Equal(engineer.Email, item.GetProperty("updatedBy").GetString());

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditLog.AsNoTracking()
            .Where(a => a.Subject == "checklist item " + ManualItem && a.At >= before && a.At <= after)
            .OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(
            [(ChecklistService.TickAction, pm.Email, "ELK since March"), (ChecklistService.UntickAction, engineer.Email, "")],
            audit.TakeLast(2).Select(a => (a.Action, a.Actor, a.Details)));
        var history = afterUntick.GetProperty("history").EnumerateArray().First();
        Assert.Equal((ManualItem, engineer.Email, false), (history.GetProperty("itemId").GetString(), history.GetProperty("actor").GetString(), history.GetProperty("done").GetBoolean()));
    }

    [Fact]
    public async Task Put_Designer_Forbidden()
    {
        using var designer = app.CreateRawClient(app.For("designer").Token);

        var response = await designer.PutAsJsonAsync($"/api/v1/checklist/items/{ManualItem}", new { done = true });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Put_AutomaticItem_400NamingItAndNothingStored()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);

        var response = await owner.PutAsJsonAsync("/api/v1/checklist/items/read_replica", new { done = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("id")[0].GetString();
        Assert.Contains("'read_replica'", error);
        Assert.Contains("settled automatically", error);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.False(await db.ChecklistItemStates.AnyAsync(s => s.ItemId == "read_replica"));
    }

    [Fact]
    public async Task Put_UnknownItem_404NamingIt()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);

        var response = await owner.PutAsJsonAsync("/api/v1/checklist/items/no_such_item", new { done = true });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'no_such_item'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{}", "done", "done is required")]
    [InlineData("not json", "body", "must be JSON")]
    [InlineData("{\"done\":true,\"note\":\"NOTE\"}", "note", "at most 500 characters")]
    [InlineData("{\"done\":true,\"note\":\"before\\u0000after\"}", "note", "must not contain control characters, but has U+0000")]
    public async Task Put_BadBody_400NamingTheField(string json, string field, string rule)
    {
        using var pm = app.CreateRawClient(app.For("pm").Token);
        var body = json.Replace("NOTE", new string('x', 501), StringComparison.Ordinal);

        var response = await pm.PutAsync($"/api/v1/checklist/items/{ManualItem}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(rule, errors.GetProperty(field)[0].GetString());
    }

    private static JsonElement Item(JsonElement checklist, string id) =>
        checklist.GetProperty("phases").EnumerateArray()
            .SelectMany(p => p.GetProperty("items").EnumerateArray())
            .Single(i => i.GetProperty("id").GetString() == id);
}
