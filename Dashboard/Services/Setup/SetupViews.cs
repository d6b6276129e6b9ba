using Dashboard.Jobs.Resources.Presets;
using Dashboard.Services.Presets;

namespace Dashboard.Services.Setup;

/// <summary>What one resource of a preset reads now: how many series and one of their values, or Prometheus' error.</summary>
public sealed record SetupResourcePreview(string Id, string Name, int Series, string? Sample, string? Error);

/// <summary>Detection against the Prometheus just connected, or why it could not run.</summary>
public sealed record SetupDetection(PresetDetectionView? Found, string? Error);

/// <summary>One preset applied during setup, or the problems that kept it out (nothing of it was saved then).</summary>
public sealed record SetupApplyOutcome(string PresetId, int Applied, IReadOnlyList<string> Problems);

/// <summary>What the presets step hands on: the presets applied, and whether Prometheus holds probe results (blackbox).</summary>
public sealed record SetupPresetsResult(IReadOnlyList<Preset> Applied, bool ProbesFound);
