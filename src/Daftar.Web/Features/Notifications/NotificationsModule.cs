namespace Daftar.Web.Features.Notifications;

/// <summary>Live notices (SignalR) and the reminders sent through them.</summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration config)
    {
        services.AddSignalR();
        services.AddScoped<Notifier>();
        services.AddSingleton<LiveConnections>();
        services.AddHostedService<LiveConnectionGuard>();
        services.AddHostedService<OverdueReminders>();
        return services;
    }

    public static void MapNotificationsPublic(this WebApplication app) => app.MapHub<NotificationsHub>(NotificationsHub.Path);
}
