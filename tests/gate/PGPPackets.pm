# PGPPackets.pm -- what the gate tests' forgers share: an armored key
# file's bytes, and its packets.  Anyone can do this with a public key.
package PGPPackets;
use strict;
use warnings;
use MIME::Base64;
use Exporter 'import';
our @EXPORT_OK = qw(dearmor packets);

# The binary OpenPGP of armored file f (its first block).
sub dearmor {
	my ($f) = @_;
	open(my $fh, '<', $f) or die "$f: $!";
	my @l = <$fh>;
	close $fh;
	my ($in, $hdr, $b64) = (0, 0, '');
	for (@l) {
		s/\r?\n$//;
		if (/^-----BEGIN/) { $in = 1; $hdr = 1; next; }
		last if /^-----END/;
		next unless $in;
		if ($hdr) { $hdr = 0 if $_ eq ''; next; }
		next if /^=/;
		$b64 .= $_;
	}
	return decode_base64($b64);
}

# [tag, whole packet, body] for each packet of b (new and old formats,
# definite lengths: what gpg --export writes).
sub packets {
	my ($b) = @_;
	my @p;
	my $i = 0;
	while ($i < length $b) {
		my $h = ord substr($b, $i, 1);
		my ($tag, $len, $j);
		if ($h & 0x40) {
			$tag = $h & 0x3f;
			my $l = ord substr($b, $i + 1, 1);
			if ($l < 192) { $len = $l; $j = $i + 2; }
			elsif ($l < 224) {
				$len = (($l - 192) << 8) +
				    ord(substr($b, $i + 2, 1)) + 192;
				$j = $i + 3;
			} else {
				$len = unpack('N', substr($b, $i + 2, 4));
				$j = $i + 6;
			}
		} else {
			$tag = ($h >> 2) & 0xf;
			my $lt = $h & 3;
			if ($lt == 0) { $len = ord substr($b, $i + 1, 1); $j = $i + 2; }
			elsif ($lt == 1) { $len = unpack('n', substr($b, $i + 1, 2)); $j = $i + 3; }
			else { $len = unpack('N', substr($b, $i + 1, 4)); $j = $i + 5; }
		}
		push @p, [$tag, substr($b, $i, $j + $len - $i),
		    substr($b, $j, $len)];
		$i = $j + $len;
	}
	return @p;
}

1;
