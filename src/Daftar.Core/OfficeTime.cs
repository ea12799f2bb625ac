namespace Daftar;

/// <summary>
/// The installation's own clock face: the day an officer calls "today" and the time printed on a page are in the
/// installation's time zone (India Standard Time unless configured), never UTC, which is a day behind until 05:30.
/// </summary>
public static class OfficeTime
{
    public const string DefaultZone = "Asia/Kolkata";

    public static TimeZoneInfo Zone { get; private set; } = Find(DefaultZone);

    /// <summary>Set once at start-up from <c>Daftar:TimeZone</c>.</summary>
    public static void Use(string? zoneId) => Zone = Find(string.IsNullOrWhiteSpace(zoneId) ? DefaultZone : zoneId);

    public static DateTimeOffset Local(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone);

    public static DateOnly DateOf(DateTimeOffset moment) => DateOnly.FromDateTime(Local(moment).DateTime);

    public static DateOnly Today(this TimeProvider clock) => DateOf(clock.GetUtcNow());

    private static TimeZoneInfo Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException) when (id == DefaultZone)
        {
            return TimeZoneInfo.CreateCustomTimeZone("IST", TimeSpan.FromMinutes(330), "India Standard Time", "IST");
        }
    }
}
