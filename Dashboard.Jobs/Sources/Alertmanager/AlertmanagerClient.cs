using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Jobs.Sources.Alertmanager;

/// <summary>
/// The Alertmanager API v2 (alerts, silences, status). Typed client: the HttpClient comes with the
/// base address, bearer token and the standard resilience pipeline from
/// <see cref="AlertmanagerSourceRegistration"/>; reads are retried after transient failures, writes
/// never (a retried POST could create the silence twice). Every failure is an
/// <see cref="AlertmanagerException"/> naming the URL; a refused request carries Alertmanager's message.
/// </summary>
public sealed class AlertmanagerClient(HttpClient http)
{
    /// <summary>False when Alertmanager:Url is empty: alert triage is off and every call throws <see cref="AlertmanagerException.NotConfigured"/>.</summary>
    public bool IsConfigured => http.BaseAddress is not null;

    /// <summary>
    /// Every alert that is firing (not resolved), whether active, silenced, inhibited or not yet processed:
    /// what an engineer triages. Silenced and inhibited ones say so (<see cref="AlertmanagerAlert.SilencedBy"/>).
    /// </summary>
    public Task<IReadOnlyList<AlertmanagerAlert>> GetActiveAlertsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true", null, ParseAlerts, cancellationToken);

    /// <summary>
    /// Creates a silence muting the alerts that match every one of <paramref name="matchers"/> from
    /// <paramref name="startsAt"/> to <paramref name="endsAt"/>; returns its id. Alertmanager checks the
    /// silence (e.g. the end after the start, in the future; a creator and a comment) and its refusal is an
    /// <see cref="AlertmanagerException.Rejected"/> error with its message.
    /// </summary>
    public Task<string> CreateSilenceAsync(
        IReadOnlyList<AlertmanagerMatcher> matchers, DateTimeOffset startsAt, DateTimeOffset endsAt, string createdBy, string comment,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        ArgumentNullException.ThrowIfNull(createdBy);
        ArgumentNullException.ThrowIfNull(comment);
        var body = new JsonObject
        {
            ["matchers"] = new JsonArray([.. matchers.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.Name,
                ["value"] = m.Value,
                ["isRegex"] = m.IsRegex,
                ["isEqual"] = m.IsEqual,
            })]),
            ["startsAt"] = Rfc3339(startsAt),
            ["endsAt"] = Rfc3339(endsAt),
            ["createdBy"] = createdBy,
            ["comment"] = comment,
        };
        return SendAsync(HttpMethod.Post, "api/v2/silences", JsonContent.Create(body),
            root => root.GetProperty("silenceID").GetString() is { Length: > 0 } id ? id : throw new JsonException("silenceID is empty"),
            cancellationToken);
    }

    /// <summary>Expires the silence <paramref name="silenceId"/> now: the alerts it muted are active again.</summary>
    public Task ExpireSilenceAsync(string silenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(silenceId);
        return SendAsync(HttpMethod.Delete, "api/v2/silence/" + Uri.EscapeDataString(silenceId), null, _ => true, cancellationToken);
    }

    /// <summary>Version, start time and cluster state: what "test connection" shows.</summary>
    public Task<AlertmanagerStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/v2/status", null, root => new AlertmanagerStatus(
            root.GetProperty("versionInfo").GetProperty("version").GetString() ?? "",
            root.GetProperty("uptime").GetDateTimeOffset(),
            root.GetProperty("cluster").GetProperty("status").GetString() ?? ""), cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, Func<JsonElement, T> parse, CancellationToken cancellationToken)
    {
        if (http.BaseAddress is null)
        {
            throw new AlertmanagerException(AlertmanagerException.NotConfigured, "Alertmanager:Url is empty, so there is no Alertmanager to ask.", path);
        }
        var endpoint = new Uri(http.BaseAddress, path);
        var url = HttpSources.Redacted(endpoint);
        try
        {
            using var request = new HttpRequestMessage(method, endpoint) { Content = content };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var body = await BoundedBody.ReadAsync(await response.Content.ReadAsStreamAsync(cancellationToken), HttpSources.MaxBodyBytes, cancellationToken)
                ?? throw new AlertmanagerException(AlertmanagerException.BadResponse, $"the answer is over the limit of {HttpSources.MaxBodyBytes} bytes", url, (int)response.StatusCode);
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
            {
                throw new AlertmanagerException(AlertmanagerException.Rejected, ErrorMessage(body), url, status);
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new AlertmanagerException(AlertmanagerException.BadResponse,
                    $"HTTP {status} {response.ReasonPhrase}: {ErrorMessage(body)}", url, status);
            }
            try
            {
                using var document = JsonDocument.Parse(body.Length == 0 ? "null"u8.ToArray() : body);
                return parse(document.RootElement);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                throw new AlertmanagerException(AlertmanagerException.BadResponse,
                    $"the answer is not Alertmanager API JSON: {ex.Message} Body starts: {Preview(body)}", url, status, ex);
            }
        }
        catch (Exception ex) when (HttpSources.TransportFailure(ex, "Alertmanager", url, cancellationToken) is (string kind, string message))
        {
            throw new AlertmanagerException(kind, message, url, null, ex);
        }
    }

    private static IReadOnlyList<AlertmanagerAlert> ParseAlerts(JsonElement root)
    {
        var alerts = new List<AlertmanagerAlert>(root.GetArrayLength());
        foreach (var alert in root.EnumerateArray())
        {
            var status = alert.GetProperty("status");
            alerts.Add(new AlertmanagerAlert(
                alert.GetProperty("fingerprint").GetString() ?? throw new JsonException("an alert has no fingerprint"),
                StringMap(alert, "labels"),
                StringMap(alert, "annotations"),
                status.GetProperty("state").GetString() switch
                {
                    "active" => AlertmanagerAlertState.Active,
                    "suppressed" => AlertmanagerAlertState.Suppressed,
                    "unprocessed" => AlertmanagerAlertState.Unprocessed,
                    var other => throw new JsonException($"unknown alert state '{other}'"),
                },
                alert.GetProperty("startsAt").GetDateTimeOffset(),
                alert.GetProperty("endsAt").GetDateTimeOffset(),
                Strings(status, "silencedBy"),
                Strings(status, "inhibitedBy"),
                alert.TryGetProperty("generatorURL", out var generator) && generator.ValueKind == JsonValueKind.String ? generator.GetString() : null));
        }
        return alerts;
    }

    private static Dictionary<string, string> StringMap(JsonElement parent, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                map[property.Name] = property.Value.GetString() ?? "";
            }
        }
        return map;
    }

    private static string[] Strings(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.GetString() ?? "")]
            : [];

    /// <summary>Alertmanager's error text: a JSON string (its handlers), <c>{"code","message"}</c> (request validation) or plain text.</summary>
    private static string ErrorMessage(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                return root.GetString() ?? "";
            }
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
            // Not JSON (e.g. a proxy's page): show its start.
        }
        return Preview(body);
    }

    private static string Preview(byte[] body) =>
        body.Length == 0 ? "(empty body)" : Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).ReplaceLineEndings(" ");

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
