namespace Daftar.Web.Features.Meetings;

/// <summary>Meeting settings (section "Meetings"): the office's time zone and how long before the start a room opens.</summary>
public sealed class MeetingSettings(IConfiguration config)
{
    public TimeZoneInfo Zone { get; } = FindZone(config["Meetings:TimeZone"] ?? "Asia/Kolkata");
    public TimeSpan OpensBefore { get; } = TimeSpan.FromMinutes(config.GetValue("Meetings:OpenMinutesBefore", 15.0));
    /// <summary>A room stays open this long after the scheduled end while people are still in it.</summary>
    public TimeSpan Overrun { get; } = TimeSpan.FromMinutes(config.GetValue("Meetings:OverrunMinutes", 120.0));
    public TimeSpan ReminderBefore { get; } = TimeSpan.FromMinutes(config.GetValue("Meetings:ReminderMinutes", 15.0));
    public int DefaultSpeakers { get; } = config.GetValue("Meetings:DefaultSpeakers", 12);
    public int MaxInvitees { get; } = config.GetValue("Meetings:MaxInvitees", 5000);

    public DateTimeOffset Local(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(Zone.GetUtcOffset(utc));

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Kolkata", TimeSpan.FromHours(5.5), "India Standard Time", "IST");
        }
    }
}
