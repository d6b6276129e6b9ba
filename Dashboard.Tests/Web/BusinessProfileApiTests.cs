using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Web;

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class BusinessProfileApiTests(DashboardAppFactory app)
{
    private const decimal DistinctMrr = 734_219m;

    [Fact]
    public async Task Update_NegativeMrrAndSloOf120_RejectedNamingEachField()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var before = await owner.GetStringAsync("/api/v1/business/profile");

        var response = await owner.PutAsJsonAsync("/api/v1/business/profile",
            new { monthlyRecurringRevenueUsd = -5, activeUsers = 10, monthlyInfraSpendUsd = 100, sloTargetPercent = 120 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Contains("MRR must be zero or more", errors.GetProperty("MonthlyRecurringRevenueUsd")[0].GetString());
        Assert.Contains("SLO must be between 90 % and 99.999 %", errors.GetProperty("SloTargetPercent")[0].GetString());
        Assert.False(errors.TryGetProperty("ActiveUsers", out _));
        // The previous good data stays.
        Assert.Equal(before, await owner.GetStringAsync("/api/v1/business/profile"));
    }

    [Fact]
    public async Task Update_BodyNotJson_400ProblemAndPreviousDataStays()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var before = await owner.GetStringAsync("/api/v1/business/profile");

        var response = await owner.PutAsync("/api/v1/business/profile", new StringContent("not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("JSON", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await owner.GetStringAsync("/api/v1/business/profile"));
    }

    [Fact]
    public async Task Update_ByOwner_ReadBackAndAudited()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);

        var response = await owner.PutAsJsonAsync("/api/v1/business/profile",
            new { monthlyRecurringRevenueUsd = DistinctMrr, activeUsers = 3_100, monthlyInfraSpendUsd = 2_000, sloTargetPercent = 99.95 });
        var read = await owner.GetFromJsonAsync<JsonElement>("/api/v1/business/profile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DistinctMrr, read.GetProperty("monthlyRecurringRevenueUsd").GetDecimal());
        Assert.Equal(3_100, read.GetProperty("activeUsers").GetInt32());
        Assert.Equal("owner@demo.local", read.GetProperty("updatedBy").GetString());
    }

    [Theory]
    [InlineData("engineer")]
    [InlineData("pm")]
    [InlineData("designer")]
    public async Task Get_NonOwner_HasNoRevenueFields(string role)
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        await owner.PutAsJsonAsync("/api/v1/business/profile",
            new { monthlyRecurringRevenueUsd = DistinctMrr, activeUsers = 3_100, monthlyInfraSpendUsd = 2_000, sloTargetPercent = 99.9, revenuePerConversionUsd = 41.5 });
        using var client = app.CreateRawClient(app.For(role).Token);

        var body = await client.GetStringAsync("/api/v1/business/profile");

        Assert.DoesNotContain("monthlyRecurringRevenueUsd", body);
        Assert.DoesNotContain("revenuePerConversionUsd", body);
        Assert.DoesNotContain("734219", body);
        Assert.Contains("\"activeUsers\":3100", body);
    }

    [Theory]
    [InlineData("engineer")]
    [InlineData("pm")]
    [InlineData("designer")]
    public async Task Update_NonOwner_Forbidden(string role)
    {
        using var client = app.CreateRawClient(app.For(role).Token);

        var response = await client.PutAsJsonAsync("/api/v1/business/profile",
            new { monthlyRecurringRevenueUsd = 1, activeUsers = 1, monthlyInfraSpendUsd = 1, sloTargetPercent = 99.9 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SettingsPage_Engineer_ShowsNoRevenue()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        await owner.PutAsJsonAsync("/api/v1/business/profile",
            new { monthlyRecurringRevenueUsd = DistinctMrr, activeUsers = 3_100, monthlyInfraSpendUsd = 2_000, sloTargetPercent = 99.9 });
        var engineer = app.For("engineer");
        using var client = await app.SignInAsync(engineer.Email, engineer.Password);

        var page = await client.GetStringAsync("/settings");

        Assert.Contains("Business profile", page);
        Assert.DoesNotContain("734219", page);
        Assert.DoesNotContain("734.2K", page);
        Assert.DoesNotContain("734,219", page);
        Assert.DoesNotContain("Monthly recurring revenue", page);
    }
}
