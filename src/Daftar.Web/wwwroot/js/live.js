// Live notices: files and receipts arriving at the officer's posts, and overdue reminders, shown as toasts.
(() => {
    const region = document.getElementById("live-notices");
    if (!region || !window.signalR) return;
    const show = (text, url) => {
        const toast = document.createElement("div");
        toast.className = "toast show live-notice";
        toast.setAttribute("role", "status");
        const body = document.createElement("div");
        body.className = "toast-body";
        body.textContent = text + " ";
        const link = document.createElement("a");
        link.href = url;
        link.textContent = region.dataset.open;
        body.appendChild(link);
        toast.appendChild(body);
        region.appendChild(toast);
        setTimeout(() => toast.remove(), 15000);
    };
    const connection = new signalR.HubConnectionBuilder().withUrl("/hubs/notifications").withAutomaticReconnect().build();
    connection.on("notice", (notice) => {
        const template = region.dataset[notice.kind] || "{0}";
        show(template.replace("{0}", notice.kind === "overdue" ? notice.count : notice.title), notice.url);
    });
    // Whether notices can arrive: the server closes the connection when the session ends or the officer leaves a post
    // (a reconnect then joins only the posts still held, or fails once signed out).
    connection.onreconnecting(() => region.dataset.connected = "false");
    connection.onreconnected(() => region.dataset.connected = "true");
    connection.onclose(() => region.dataset.connected = "false");
    connection.start().then(() => region.dataset.connected = "true").catch(() => { /* the page works without live notices */ });
})();
