using Microsoft.Extensions.Localization;

// The localizer factory resolves resources under the root namespace; the assembly is named
// "rally", so say it explicitly or no resource would ever be found.
[assembly: RootNamespace("Rally")]

namespace Rally;

/// <summary>
/// Marker for the one resource file of user-facing strings (Web/Resources/SharedResource.resx);
/// keys are the English text, so a missing translation falls back to English.
/// </summary>
public sealed class SharedResource;
