package emit

import "testing"

func TestDocForReadsAsASentence(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"CreateJob", "Opens a new bulk job.", "CreateJob opens a new bulk job."},
		{"Client2", "Clashes with the generated Client.", "Client2 clashes with the generated Client."},
		{"Divider", "A horizontal rule.", "Divider is a horizontal rule."},
		{"Params", "Body of `createJob`.", "Params is the body of `createJob`."},
		{"Content", "Full form of Elemental content.", "Content is the full form of Elemental content."},
		{"Channel", "Content used only on one channel.", "Channel is content used only on one channel."},
		{"Page", "Whether more pages follow.", "Page is whether more pages follow."},
		{"Job", "Job is a bulk job.", "Job is a bulk job."},
		{"Job", "Job: a bulk job.", "Job is a bulk job."},
		{"URLs", "URLs of the job.", "URLs of the job."},
		{"Token", "OAuth token of the user.", "Token is the OAuth token of the user."},
		{"Create", "Creates a completion.", "Create creates a completion."},
		{"Job", "Job. A bulk job.", "Job. A bulk job."},
		{"Thing", "", "fallback"},
		{"Update", "**Note**: To edit topics, use Replace.", "fallback\n\n**Note**: To edit topics, use Replace."},
		{"ListEvents", "> [!NOTE]\n> Not real-time.", "fallback\n\n> [!NOTE]\n> Not real-time."},
		{"CheckToken", "OAuth applications can use this method.", "fallback\n\nOAuth applications can use this method."},
		{"GetBySlug", "The `:app_slug` is the app's name.", "fallback\n\nThe `:app_slug` is the app's name."},
		{"Running", "The job that is running.", "Running is the job that is running."},
		{"Item", "A user, as it was sent.", "Item is a user, as it was sent."},
		{"Mode", "`strict` or `lax`.", "Mode is `strict` or `lax`."},
		{"Style", "How an action is drawn.", "Style is how an action is drawn."},
		{"Odd", "Property names no struct tag can carry.", "Odd is property names no struct tag can carry."},
	}
	for _, tt := range tests {
		if got := docFor(tt.name, tt.text, "fallback"); got != tt.want {
			t.Errorf("docFor(%q, %q) = %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}
