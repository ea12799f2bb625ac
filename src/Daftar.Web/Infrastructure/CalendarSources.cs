namespace Daftar.Web.Infrastructure;

/// <summary>Whose calendar feed is being made: the account, its employee (if any), its language and today.</summary>
public sealed record CalendarOwner(int AccountId, int? EmployeeId, string Culture, DateOnly Today);

/// <summary>
/// Events an area puts in a person's calendar feed (one subscription for everything Daftar schedules for them):
/// meetings make the feed, and each other area registers its own source (<c>services.AddScoped&lt;ICalendarSource, …&gt;()</c>),
/// e.g. the office days of published rosters, without the feed being edited.
/// </summary>
public interface ICalendarSource
{
    Task AddAsync(Ical.Net.Calendar calendar, CalendarOwner owner, CancellationToken ct);
}
