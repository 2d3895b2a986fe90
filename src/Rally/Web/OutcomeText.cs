using Microsoft.Extensions.Localization;

namespace Rally.Web;

/// <summary>Turns a use case's outcome into what a form shows: field errors beside the fields, or one sentence above the form.</summary>
static class OutcomeText
{
    public static (IDictionary<string, string[]>? Errors, string? Problem) ForForm<T>(Outcome<T> outcome, IStringLocalizer l) => outcome switch
    {
        { Errors: { } e } => (e.ToDictionary(), null),
        { Status: 412 } => (null, l["Someone else changed this since you opened the page. Reload it and try again."]),
        { Succeeded: false } => (null, outcome.Detail ?? l["This change is not allowed."]),
        _ => (null, null),
    };
}
